package org.patientoutreach.journeys.instance;

public enum InstanceStatus {
    /**
     * Running through steps: seen inside the transaction that advances it, or, with a {@code wakeAt}, enrolled in
     * bulk at go-live and due for the runner to start.
     */
    ACTIVE,
    /** At a WAIT or BRANCH_INTERACTION node until {@code wakeAt}. */
    WAITING,
    /** Reached an EXIT node. */
    COMPLETED,
    /** Left before the end: an exit condition, the goal, or the journey being stopped (see the step log). */
    EXITED,
    /** A step could not be executed; the instance is left where it stopped. */
    FAILED
}
