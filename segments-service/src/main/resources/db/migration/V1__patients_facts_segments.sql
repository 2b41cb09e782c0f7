-- Patients and their clinical facts, flattened from FHIR R4 so that segments evaluate set-wise in SQL.
CREATE TABLE patient (
    id          TEXT PRIMARY KEY,               -- FHIR Patient id in the source system
    identifiers TEXT[]      NOT NULL DEFAULT '{}', -- system|value
    given_name  TEXT,
    family_name TEXT,
    email       TEXT,
    phone       TEXT,
    birth_date  DATE,
    gender      TEXT,
    language    TEXT,
    timezone    TEXT,
    deceased    BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per coding of a clinical resource (Condition, Observation, Procedure, Immunization, Encounter,
-- MedicationRequest). No foreign key to patient: EHR feeds deliver resources before their Patient.
CREATE TABLE clinical_fact (
    resource_type TEXT        NOT NULL,
    resource_id   TEXT        NOT NULL,
    ordinal       INT         NOT NULL,
    patient_id    TEXT        NOT NULL,
    system        TEXT,
    code          TEXT        NOT NULL,
    status        TEXT,
    effective_at  TIMESTAMPTZ,
    value_num     NUMERIC,
    value_unit    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (resource_type, resource_id, ordinal)
);
CREATE INDEX clinical_fact_by_code ON clinical_fact (resource_type, code, patient_id);
CREATE INDEX clinical_fact_by_patient ON clinical_fact (patient_id);

CREATE TABLE segment (
    id                UUID PRIMARY KEY,
    name              TEXT        NOT NULL,
    description       TEXT,
    definition        JSONB       NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('DRAFT', 'LIVE', 'ARCHIVED')),
    member_count      INT         NOT NULL DEFAULT 0,
    last_evaluated_at TIMESTAMPTZ,
    version           BIGINT      NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE segment_member (
    segment_id UUID        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    patient_id TEXT        NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (segment_id, patient_id)
);

CREATE TABLE segment_evaluation (
    id          UUID PRIMARY KEY,
    segment_id  UUID        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    reason      TEXT        NOT NULL,
    members     INT         NOT NULL,
    entered     INT         NOT NULL,
    exited      INT         NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX segment_evaluation_by_segment ON segment_evaluation (segment_id, started_at DESC);
