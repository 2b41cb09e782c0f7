-- Mailgun signs a webhook's timestamp and token, not its event: a genuine signature could be posted again with another
-- event. Each token is bound to the digest of the event it first came with, for as long as its timestamp is accepted
-- (a day); older rows are deleted every hour.
CREATE TABLE mailgun_webhook_token (
    token        TEXT        PRIMARY KEY,
    event_sha256 BYTEA       NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX mailgun_webhook_token_seen_at ON mailgun_webhook_token (seen_at);
