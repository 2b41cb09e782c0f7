-- Journey definitions. The graph (startNodeId + nodes) is one jsonb document: it is read and written whole, and
-- frozen once the journey leaves DRAFT. The entry is kept in columns because consumers look journeys up by it.
CREATE TABLE journey (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL,
    description TEXT,
    entry_type  TEXT        NOT NULL CHECK (entry_type IN ('SEGMENT', 'TRIGGER')),
    segment_id  UUID,
    trigger_id  UUID,
    reentry     TEXT        NOT NULL CHECK (reentry IN ('NEVER', 'ALWAYS')),
    graph       JSONB       NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('DRAFT', 'LIVE', 'PAUSED')),
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CHECK ((entry_type = 'SEGMENT') = (segment_id IS NOT NULL)),
    CHECK ((entry_type = 'TRIGGER') = (trigger_id IS NOT NULL))
);
CREATE INDEX journey_live_segment ON journey (segment_id) WHERE status = 'LIVE';
CREATE INDEX journey_live_trigger ON journey (trigger_id) WHERE status = 'LIVE';

-- One run of a journey for one patient. entry_key makes entry idempotent: "patient:<id>" when the journey never
-- lets a patient re-enter, otherwise the id of what caused the entry (segment change event, trigger firing).
CREATE TABLE journey_instance (
    id              UUID PRIMARY KEY,
    journey_id      UUID        NOT NULL REFERENCES journey (id),
    patient_id      TEXT        NOT NULL,
    entry_key       TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'WAITING', 'COMPLETED', 'FAILED')),
    current_node_id TEXT        NOT NULL,
    wake_at         TIMESTAMPTZ,
    context         JSONB       NOT NULL,
    version         BIGINT      NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    completed_at    TIMESTAMPTZ,
    UNIQUE (journey_id, entry_key)
);
CREATE INDEX journey_instance_by_journey ON journey_instance (journey_id, started_at);
-- The durable timers: the poller only ever scans waiting instances.
CREATE INDEX journey_instance_due ON journey_instance (wake_at) WHERE status = 'WAITING';

-- What each instance did at each node, in order; SEND_EMAIL rows carry the deterministic request id.
CREATE TABLE instance_step_log (
    id          BIGSERIAL PRIMARY KEY,
    instance_id UUID        NOT NULL REFERENCES journey_instance (id),
    journey_id  UUID        NOT NULL REFERENCES journey (id),
    node_id     TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    request_id  UUID UNIQUE,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX instance_step_log_by_journey ON instance_step_log (journey_id, outcome);

-- Delivery events email-service reported for requests this service made, one row per event.
CREATE TABLE email_delivery (
    event_id    TEXT PRIMARY KEY,
    request_id  UUID        NOT NULL,
    journey_id  UUID        NOT NULL REFERENCES journey (id),
    instance_id UUID        NOT NULL REFERENCES journey_instance (id),
    node_id     TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    reason      TEXT,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_delivery_by_journey ON email_delivery (journey_id, type);

-- Projection of segments-service's membership: who is in each segment now, and the event that put them there.
CREATE TABLE segment_member (
    segment_id UUID        NOT NULL,
    patient_id TEXT        NOT NULL,
    event_id   TEXT        NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (segment_id, patient_id)
);

-- Projection of events-service's registrations: latest status per event and patient, for branch conditions.
CREATE TABLE event_registration (
    event_id        UUID        NOT NULL,
    patient_id      TEXT        NOT NULL,
    registration_id TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, patient_id)
);
