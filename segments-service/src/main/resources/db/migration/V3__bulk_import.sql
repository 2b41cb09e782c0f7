-- FHIR Bulk Data (NDJSON) imports: one row per job, with progress that clients poll.
CREATE TABLE bulk_import (
    id                UUID PRIMARY KEY,
    status            TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    inputs            TEXT[]      NOT NULL,
    resources_read    BIGINT      NOT NULL DEFAULT 0,
    resources_stored  BIGINT      NOT NULL DEFAULT 0,
    patients_stored   BIGINT      NOT NULL DEFAULT 0,
    facts_stored      BIGINT      NOT NULL DEFAULT 0,
    resources_skipped BIGINT      NOT NULL DEFAULT 0,   -- resource types segments do not use
    errors            BIGINT      NOT NULL DEFAULT 0,
    error_sample      TEXT[]      NOT NULL DEFAULT '{}', -- file and line with a reason; never resource content
    version           BIGINT      NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL
);
