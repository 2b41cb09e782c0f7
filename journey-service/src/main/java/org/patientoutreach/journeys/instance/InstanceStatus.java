package org.patientoutreach.journeys.instance;

public enum InstanceStatus {
    /** Running through steps; only seen inside the transaction that advances it, or if a step failed mid-way. */
    ACTIVE,
    /** At a WAIT node until {@code wakeAt}. */
    WAITING,
    /** Reached an EXIT node. */
    COMPLETED,
    /** A step could not be executed; the instance is left where it stopped. */
    FAILED
}
