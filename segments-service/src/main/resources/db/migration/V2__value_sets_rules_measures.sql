-- Clinical facts gain what care-gap logic reads: when a fact ended (a condition's abatement, an encounter's end,
-- a coverage period's end) and its category (an encounter's class, an observation's category).
ALTER TABLE clinical_fact ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE clinical_fact ADD COLUMN category TEXT;
-- Value-set matching joins on (system, code); most rules also filter by resource type.
CREATE INDEX clinical_fact_by_coding ON clinical_fact (code, system, resource_type);

-- Demographics that custom rules filter on; email consent travels to email-service on patients.profiles.
ALTER TABLE patient ADD COLUMN postal_code TEXT;
ALTER TABLE patient ADD COLUMN email_consent BOOLEAN;

-- FHIR ValueSets, flattened to their codes. Every code is matched together with its system.
CREATE TABLE value_set (
    id          TEXT PRIMARY KEY,         -- the OID or id, as rules reference it
    url         TEXT        NOT NULL UNIQUE,
    version     TEXT,
    name        TEXT        NOT NULL,
    title       TEXT,
    source      TEXT        NOT NULL,     -- where the codes come from (public repository, project-owned, uploaded)
    code_count  INT         NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE value_set_code (
    value_set_id TEXT NOT NULL REFERENCES value_set (id) ON DELETE CASCADE,
    system       TEXT NOT NULL,
    code         TEXT NOT NULL,
    display      TEXT,
    PRIMARY KEY (value_set_id, system, code)
);
CREATE INDEX value_set_code_by_coding ON value_set_code (code, system);

-- Segments are custom rule trees or prebuilt care gaps; both may be paused.
ALTER TABLE segment DROP CONSTRAINT segment_status_check;
ALTER TABLE segment ADD CONSTRAINT segment_status_check CHECK (status IN ('DRAFT', 'LIVE', 'PAUSED', 'ARCHIVED'));
