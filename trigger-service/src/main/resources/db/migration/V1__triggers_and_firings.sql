-- Trigger definitions: an interaction type plus optional conditions, each condition an equality that
-- matches case-insensitively; an absent condition matches anything.
CREATE TABLE trigger_definition (
    id               UUID        PRIMARY KEY,
    name             TEXT        NOT NULL,
    interaction_type TEXT        NOT NULL,
    department       TEXT,
    facility         TEXT,
    source           TEXT,
    attributes       JSONB       NOT NULL DEFAULT '{}'::jsonb,
    cooldown_seconds BIGINT      CHECK (cooldown_seconds > 0),
    status           TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED')),
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
-- Every intake record loads the active triggers of its interaction type.
CREATE INDEX trigger_definition_active_by_type ON trigger_definition (interaction_type) WHERE status = 'ACTIVE';
CREATE INDEX trigger_definition_listing ON trigger_definition (created_at DESC, id);

-- One row per trigger that fired on an interaction. firing_id is derived from trigger and interaction,
-- so the same pair can never fire twice.
CREATE TABLE trigger_firing (
    firing_id        UUID        PRIMARY KEY,
    trigger_id       UUID        NOT NULL REFERENCES trigger_definition (id),
    patient_id       TEXT        NOT NULL,
    interaction_id   TEXT        NOT NULL,
    interaction_type TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    fired_at         TIMESTAMPTZ NOT NULL
);
-- The cooldown check looks for an earlier firing of the same trigger for the same patient near occurred_at.
CREATE INDEX trigger_firing_cooldown ON trigger_firing (trigger_id, patient_id, occurred_at);
CREATE INDEX trigger_firing_listing ON trigger_firing (trigger_id, fired_at DESC);
