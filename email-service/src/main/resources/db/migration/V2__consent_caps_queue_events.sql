-- Issue 5: consent, sender details, the durable send queue (caps, quiet hours, crash-safe sending), engagement
-- timestamps for analytics and the events.catalog projection.

-- Consent to commercial email as the source recorded it; NULL when it recorded none (treated as no consent).
ALTER TABLE patient_contact ADD COLUMN email_consent BOOLEAN;

-- Sender shown to patients and the postal address the footer must carry before an email can be READY.
ALTER TABLE email_template ADD COLUMN from_name TEXT;
ALTER TABLE email_template ADD COLUMN from_address TEXT;
ALTER TABLE email_template ADD COLUMN sender_postal_address TEXT;

-- email_send is now also the durable queue between accepting a request and the SMTP hand-off:
-- QUEUED/DEFERRED rows wait for due_at, SENDING rows are claimed until lease_until, then SENT/SUPPRESSED/FAILED.
ALTER TABLE email_send DROP CONSTRAINT email_send_status_check;
ALTER TABLE email_send ADD CONSTRAINT email_send_status_check
    CHECK (status IN ('QUEUED', 'DEFERRED', 'SENDING', 'SENT', 'SUPPRESSED', 'FAILED'));
ALTER TABLE email_send ADD COLUMN commercial BOOLEAN NOT NULL DEFAULT FALSE;
-- The request's context (ids only, e.g. eventId) as JSON, rendered when the row is sent.
ALTER TABLE email_send ADD COLUMN context TEXT NOT NULL DEFAULT '{}';
ALTER TABLE email_send ADD COLUMN due_at TIMESTAMPTZ;
ALTER TABLE email_send ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE email_send ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE email_send ADD COLUMN message_id TEXT;
ALTER TABLE email_send ADD COLUMN opened_at TIMESTAMPTZ;
ALTER TABLE email_send ADD COLUMN clicked_at TIMESTAMPTZ;
ALTER TABLE email_send ADD COLUMN updated_at TIMESTAMPTZ;
CREATE INDEX email_send_due ON email_send (due_at) WHERE status IN ('QUEUED', 'DEFERRED');
CREATE INDEX email_send_leased ON email_send (lease_until) WHERE status = 'SENDING';
CREATE INDEX email_send_journey ON email_send (journey_id);

-- Current public face of each event, from the compacted events.catalog topic (no PHI).
CREATE TABLE event_catalog (
    event_id         TEXT        PRIMARY KEY,
    title            TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    format           TEXT,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL,
    timezone         TEXT        NOT NULL,
    venue            TEXT,
    online_url       TEXT,
    registration_url TEXT        NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
