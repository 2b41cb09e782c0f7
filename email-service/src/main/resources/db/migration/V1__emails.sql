-- email-service schema. The outbox and inbox tables come from platform-commons (db/outbox, V0_1).

-- Contact data of each patient, kept from the compacted patients.profiles topic. The only PHI this service stores.
CREATE TABLE patient_contact (
    patient_id         TEXT        PRIMARY KEY,
    given_name         TEXT,
    family_name        TEXT,
    email              TEXT,
    language           TEXT,
    timezone           TEXT,
    deceased           BOOLEAN     NOT NULL DEFAULT FALSE,
    -- updatedAt of the profile the row holds: an older profile arriving late is ignored
    profile_updated_at TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE email_template (
    id         UUID        PRIMARY KEY,
    name       TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    html_body  TEXT        NOT NULL,
    text_body  TEXT,
    commercial BOOLEAN     NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('DRAFT', 'READY')),
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_template_created ON email_template (created_at DESC, id);

-- One row per send request: the request id as key is what makes a redelivered request send nothing.
-- No addresses here: the log is safe to show to staff who must not see contact data.
CREATE TABLE email_send (
    request_id  TEXT        PRIMARY KEY,
    email_id    TEXT        NOT NULL,
    patient_id  TEXT        NOT NULL,
    journey_id  TEXT,
    instance_id TEXT,
    step_id     TEXT,
    status      TEXT        NOT NULL CHECK (status IN ('SENT', 'SUPPRESSED', 'FAILED')),
    reason      TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX email_send_patient ON email_send (patient_id, created_at DESC);
CREATE INDEX email_send_email ON email_send (email_id, created_at DESC);

-- Patients who must not receive email (unsubscribed, bounced, complained, or blocked by an administrator).
CREATE TABLE suppression (
    patient_id TEXT        PRIMARY KEY,
    reason     TEXT        NOT NULL,
    version    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX suppression_created ON suppression (created_at DESC, patient_id);
