package org.patientoutreach.journeys.instance;

/** What an instance did at a node, as recorded in instance_step_log. */
public enum StepOutcome {
    EMAIL_REQUESTED,
    WAIT_STARTED,
    WAIT_ENDED,
    EXITED
}
