-- Shared by every service (Flyway location db/platform). Versioned below each service's own V1 so it runs first.

-- Transactional outbox: an event is written in the same transaction as the state change that caused it,
-- and the relay publishes it to Kafka afterwards. Both or neither.
CREATE TABLE outbox_event (
    seq          BIGSERIAL PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    record_class TEXT        NOT NULL,
    payload      BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Idempotent inbox: a consumer records each message id it processed, in the processing transaction,
-- so a redelivered record changes nothing the second time.
CREATE TABLE inbox_message (
    consumer     TEXT        NOT NULL,
    message_id   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
