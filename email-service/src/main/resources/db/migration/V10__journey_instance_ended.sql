-- Journey instances that left early (journeys.instance-ended): a request of one that arrives later, or a held send of
-- one that comes due, is suppressed (JOURNEY_ENDED). Ids only; a row is deleted emails.journey-ends.keep after this
-- service learned of it (remembered_at; ended_at is journey-service's time, which a backlog can make old).
CREATE TABLE journey_instance_ended (
    instance_id   text PRIMARY KEY,
    ended_at      timestamptz NOT NULL,
    remembered_at timestamptz NOT NULL
);
CREATE INDEX journey_instance_ended_remembered ON journey_instance_ended (remembered_at);

-- The sends an ended instance may still withdraw. Only waiting rows are in it: a send taken over at intake is
-- inserted SENDING and never enters, so the hot path pays nothing for it; sends without an instance stay out too.
-- On a send log of millions of rows this build holds off writes to email_send while it scans: build it beforehand
-- with CREATE INDEX CONCURRENTLY under this name and the migration skips it (deploy/README.md). (Flyway's
-- transactional lock makes a CONCURRENTLY build inside the migration wait on itself.)
CREATE INDEX IF NOT EXISTS email_send_waiting ON email_send (instance_id)
    WHERE status IN ('QUEUED', 'DEFERRED') AND instance_id IS NOT NULL;
