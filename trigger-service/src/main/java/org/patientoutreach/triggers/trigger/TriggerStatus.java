package org.patientoutreach.triggers.trigger;

/** Only ACTIVE triggers are matched; a PAUSED one keeps its definition and its firings. */
public enum TriggerStatus {
    ACTIVE,
    PAUSED
}
