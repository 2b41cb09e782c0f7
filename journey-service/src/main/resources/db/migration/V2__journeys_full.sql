-- Journeys as full graphs: versions (a lineage of revisions, one taking new entrants), settings, more lifecycle
-- states, early exits and goals, branch deadlines, and the projections that branch and go-live checks read.
ALTER TABLE journey DROP CONSTRAINT journey_status_check;
ALTER TABLE journey ADD CONSTRAINT journey_status_check
    CHECK (status IN ('DRAFT', 'LIVE', 'PAUSED', 'STOPPED', 'COMPLETED'));
ALTER TABLE journey DROP CONSTRAINT journey_reentry_check;
ALTER TABLE journey ADD CONSTRAINT journey_reentry_check CHECK (reentry IN ('NEVER', 'ALWAYS', 'AFTER'));
-- lineage_id is the id of the first revision; every revision of one journey shares it.
ALTER TABLE journey ADD COLUMN lineage_id UUID;
UPDATE journey SET lineage_id = id;
ALTER TABLE journey ALTER COLUMN lineage_id SET NOT NULL;
ALTER TABLE journey ADD COLUMN revision INT NOT NULL DEFAULT 1;
ALTER TABLE journey ADD CONSTRAINT journey_revision_unique UNIQUE (lineage_id, revision);
-- Set when a later revision went live: this one finishes its instances but takes no new entrants.
ALTER TABLE journey ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE journey ADD COLUMN entry_mode TEXT NOT NULL DEFAULT 'ONGOING' CHECK (entry_mode IN ('ONGOING', 'ONE_TIME'));
ALTER TABLE journey ADD COLUMN entry_conditions JSONB NOT NULL DEFAULT '{}';
ALTER TABLE journey ADD COLUMN reentry_after_days INT;
ALTER TABLE journey ADD COLUMN start_at TIMESTAMPTZ;
ALTER TABLE journey ADD COLUMN end_at TIMESTAMPTZ;
ALTER TABLE journey ADD COLUMN exclusion_segment_id UUID;
ALTER TABLE journey ADD COLUMN exit_on_segment_exit BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE journey ADD COLUMN exit_trigger_id UUID;
ALTER TABLE journey ADD COLUMN goal_type TEXT;
ALTER TABLE journey ADD COLUMN goal_event_id UUID;
CREATE INDEX journey_exit_trigger ON journey (exit_trigger_id) WHERE exit_trigger_id IS NOT NULL;
CREATE INDEX journey_goal_event ON journey (goal_event_id) WHERE goal_event_id IS NOT NULL;

ALTER TABLE journey_instance DROP CONSTRAINT journey_instance_status_check;
ALTER TABLE journey_instance ADD CONSTRAINT journey_instance_status_check
    CHECK (status IN ('ACTIVE', 'WAITING', 'COMPLETED', 'EXITED', 'FAILED'));
-- Entry keys are unique per lineage, so re-entry rules hold across revisions of a journey.
ALTER TABLE journey_instance ADD COLUMN lineage_id UUID;
UPDATE journey_instance SET lineage_id = journey_id;
ALTER TABLE journey_instance ALTER COLUMN lineage_id SET NOT NULL;
ALTER TABLE journey_instance DROP CONSTRAINT journey_instance_journey_id_entry_key_key;
ALTER TABLE journey_instance ADD CONSTRAINT journey_instance_entry_unique UNIQUE (lineage_id, entry_key);
-- An if/then branch waits until its deadline; an interaction moves wake_at earlier, the deadline stays.
ALTER TABLE journey_instance ADD COLUMN deadline TIMESTAMPTZ;
ALTER TABLE journey_instance ADD COLUMN goal_reached_at TIMESTAMPTZ;
-- Due work: WAITING instances whose timer is up and ACTIVE ones enrolled in bulk, not yet run.
DROP INDEX journey_instance_due;
CREATE INDEX journey_instance_due ON journey_instance (wake_at) WHERE status IN ('ACTIVE', 'WAITING');
CREATE INDEX journey_instance_running_by_patient ON journey_instance (patient_id) WHERE status IN ('ACTIVE', 'WAITING');
CREATE INDEX journey_instance_by_lineage_patient ON journey_instance (lineage_id, patient_id, started_at);

ALTER TABLE instance_step_log ADD COLUMN detail TEXT;
CREATE INDEX instance_step_log_by_instance ON instance_step_log (instance_id, id);
CREATE INDEX instance_step_log_by_journey_node ON instance_step_log (journey_id, node_id, outcome);
CREATE INDEX email_delivery_by_instance ON email_delivery (instance_id, node_id, type);

-- Projection of patients.profiles: only the attributes branches may test. Names, email, phone and birth date are
-- never stored here.
CREATE TABLE patient_attribute (
    patient_id    TEXT PRIMARY KEY,
    language      TEXT,
    timezone      TEXT,
    gender        TEXT,
    email_consent BOOLEAN,
    deceased      BOOLEAN     NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Projection of events.catalog: what go-live checks and invitations need to know about an event.
CREATE TABLE event_catalog (
    event_id   UUID PRIMARY KEY,
    status     TEXT        NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
