-- Events a provider or payer runs for patients, virtual (join_url) or in person (location).
CREATE TABLE event (
    id          UUID        PRIMARY KEY,
    title       TEXT        NOT NULL,
    description TEXT,
    sponsor     TEXT        NOT NULL CHECK (sponsor IN ('PROVIDER', 'PAYER')),
    format      TEXT        NOT NULL CHECK (format IN ('VIRTUAL', 'IN_PERSON')),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    timezone    TEXT        NOT NULL,
    capacity    INTEGER     NOT NULL CHECK (capacity >= 1),
    join_url    TEXT,
    location    TEXT,
    status      TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX event_by_start ON event (starts_at, id);

-- One registration per patient and event. Seats are counted, not stored: every change to an event's registrations
-- first locks the event row, so the count under that lock is exact and capacity can never be exceeded.
CREATE SEQUENCE registration_waitlist_order;
CREATE TABLE registration (
    id             UUID        PRIMARY KEY,
    event_id       UUID        NOT NULL REFERENCES event (id),
    patient_id     TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('REGISTERED', 'WAITLISTED', 'CANCELLED', 'CHECKED_IN')),
    -- first come, first promoted; set when the registration joins the waitlist
    waitlist_order BIGINT,
    version        BIGINT      NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (event_id, patient_id)
);
CREATE INDEX registration_by_event_status ON registration (event_id, status);
CREATE INDEX registration_waitlist ON registration (event_id, waitlist_order) WHERE status = 'WAITLISTED';
