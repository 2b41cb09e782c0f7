-- Triggers listen to several interaction types and carry typed conditions (a JSON list of
-- {field, operator, value | values | min/max}); the equality columns of V1 become EQUALS conditions.
ALTER TABLE trigger_definition ADD COLUMN interaction_types JSONB;
ALTER TABLE trigger_definition ADD COLUMN conditions JSONB;
UPDATE trigger_definition SET
    interaction_types = jsonb_build_array(interaction_type),
    conditions = COALESCE((
        SELECT jsonb_agg(c) FROM (
            SELECT jsonb_build_object('field', 'department', 'operator', 'EQUALS', 'value', department) AS c
                WHERE department IS NOT NULL
            UNION ALL SELECT jsonb_build_object('field', 'facility', 'operator', 'EQUALS', 'value', facility)
                WHERE facility IS NOT NULL
            UNION ALL SELECT jsonb_build_object('field', 'source', 'operator', 'EQUALS', 'value', source)
                WHERE source IS NOT NULL
            UNION ALL SELECT jsonb_build_object('field', 'attributes.' || key, 'operator', 'EQUALS', 'value', value)
                FROM jsonb_each_text(attributes)
        ) AS legacy), '[]'::jsonb);
ALTER TABLE trigger_definition ALTER COLUMN interaction_types SET NOT NULL;
ALTER TABLE trigger_definition ALTER COLUMN conditions SET NOT NULL;
DROP INDEX trigger_definition_active_by_type;
ALTER TABLE trigger_definition DROP COLUMN interaction_type, DROP COLUMN department, DROP COLUMN facility,
    DROP COLUMN source, DROP COLUMN attributes;

-- Lifecycle DRAFT -> ACTIVE -> INACTIVE; PAUSED was the old name of INACTIVE.
ALTER TABLE trigger_definition DROP CONSTRAINT trigger_definition_status_check;
UPDATE trigger_definition SET status = 'INACTIVE' WHERE status = 'PAUSED';
ALTER TABLE trigger_definition ADD CONSTRAINT trigger_definition_status_check
    CHECK (status IN ('DRAFT', 'ACTIVE', 'INACTIVE'));
-- The in-memory index loads the active ones at start and after each change.
CREATE INDEX trigger_definition_active ON trigger_definition (status) WHERE status = 'ACTIVE';

-- Per-trigger counts, upserted with each firing, apart from the definition so firing never bumps its version.
CREATE TABLE trigger_stats (
    trigger_id    UUID        PRIMARY KEY REFERENCES trigger_definition (id),
    fired_count   BIGINT      NOT NULL,
    last_fired_at TIMESTAMPTZ NOT NULL
);
INSERT INTO trigger_stats (trigger_id, fired_count, last_fired_at)
    SELECT trigger_id, count(*), max(fired_at) FROM trigger_firing GROUP BY trigger_id;

-- Projection of patients.profiles identifiers ("system|value"), so HL7 PID-3 finds our patientId.
CREATE TABLE patient_identifier (
    patient_id TEXT NOT NULL,
    system     TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (patient_id, system, value)
);
CREATE INDEX patient_identifier_by_value ON patient_identifier (value);
