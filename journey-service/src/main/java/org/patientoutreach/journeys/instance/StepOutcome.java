package org.patientoutreach.journeys.instance;

/**
 * What an instance did at a node, as recorded in instance_step_log. Each visit of a node writes exactly one arrival
 * row (every outcome but WAIT_ENDED, EXITED and GOAL_REACHED); a node that waits writes WAIT_ENDED when it is left.
 */
public enum StepOutcome {
    EMAIL_REQUESTED,
    INVITE_REQUESTED,
    WAIT_STARTED,
    WAIT_ENDED,
    /** A branch or split chose its way out; {@code detail} says which (yes, no, path 1, ...). */
    BRANCHED,
    /** Reached an EXIT node. */
    COMPLETED,
    /** Left early; {@code detail} is the reason (SEGMENT_EXIT, EXCLUDED, EXIT_TRIGGER, JOURNEY_STOPPED). */
    EXITED,
    GOAL_REACHED,
    FAILED;

    public boolean isArrival() {
        return this != WAIT_ENDED && this != EXITED && this != GOAL_REACHED && this != FAILED;
    }
}
