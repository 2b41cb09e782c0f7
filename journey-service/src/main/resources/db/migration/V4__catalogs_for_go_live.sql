-- Projections of the compacted catalogs other services publish (segments.catalog, emails.catalog, triggers.catalog):
-- the current status of each segment, email template and trigger a journey may name, for the go-live checks. Like
-- event_catalog: one row per id, the latest updated_at wins.
CREATE TABLE segment_catalog (
    segment_id UUID PRIMARY KEY,
    status     TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE email_catalog (
    email_id   UUID PRIMARY KEY,
    status     TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE trigger_catalog (
    trigger_id UUID PRIMARY KEY,
    status     TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
