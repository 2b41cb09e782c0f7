-- Lifecycle DRAFT -> PUBLISHED -> COMPLETED | CANCELLED. An event scheduled before this migration was already open
-- for registration, so it becomes PUBLISHED.
ALTER TABLE event DROP CONSTRAINT event_status_check;
UPDATE event SET status = 'PUBLISHED' WHERE status = 'SCHEDULED';
ALTER TABLE event ADD CONSTRAINT event_status_check
    CHECK (status IN ('DRAFT', 'PUBLISHED', 'COMPLETED', 'CANCELLED'));

-- HYBRID events have both a venue (location) and an online meeting (join_url).
ALTER TABLE event DROP CONSTRAINT event_format_check;
ALTER TABLE event ADD CONSTRAINT event_format_check CHECK (format IN ('IN_PERSON', 'VIRTUAL', 'HYBRID'));

ALTER TABLE event
    ADD COLUMN event_type             TEXT  NOT NULL DEFAULT 'OTHER',
    -- the shipped template the event was made from, if any
    ADD COLUMN template_key           TEXT,
    -- sessions with their speakers, and the questions asked at registration: always read and written with the event
    ADD COLUMN sessions               JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN registration_questions JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN published_at           TIMESTAMPTZ,
    ADD COLUMN completed_at           TIMESTAMPTZ;

-- NO_SHOW: the event took place and the patient, registered, never checked in.
ALTER TABLE registration DROP CONSTRAINT registration_status_check;
ALTER TABLE registration ADD CONSTRAINT registration_status_check
    CHECK (status IN ('REGISTERED', 'WAITLISTED', 'CANCELLED', 'CHECKED_IN', 'NO_SHOW'));
ALTER TABLE registration
    ADD COLUMN checked_in_at     TIMESTAMPTZ,
    -- STAFF (checked in at the door) or IMPORT (a virtual meeting's attendance report)
    ADD COLUMN attendance_source TEXT CHECK (attendance_source IN ('STAFF', 'IMPORT'));
