package org.patientoutreach.triggers.trigger;

/**
 * Lifecycle: DRAFT (editable, test-fired, never fires) → ACTIVE (fires) → INACTIVE (keeps its definition and firings,
 * never fires) → ACTIVE again if wanted.
 */
public enum TriggerStatus {
    DRAFT,
    ACTIVE,
    INACTIVE
}
