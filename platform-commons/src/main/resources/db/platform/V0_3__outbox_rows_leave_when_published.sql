-- The relay deletes an outbox row once Kafka acknowledged it, instead of stamping published_at. An UPDATE wrote a
-- new row version and new entries in every index for each event; a DELETE writes neither, which halves the write
-- cost of bulk paths (a segment going live over a million patients). Kafka, not this table, is the record of what
-- was published. The unique index on id goes too: ids are random UUIDs and nothing looks rows up by id.
DELETE FROM outbox_event WHERE published_at IS NOT NULL;
DROP INDEX outbox_event_unpublished;
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_id_key;
ALTER TABLE outbox_event DROP COLUMN published_at;
