package org.patientoutreach.journeys.journey;

public enum NodeType {
    /** Asks email-service to send {@code emailId} to the patient, then moves on to {@code next}. */
    SEND_EMAIL,
    /** Waits for a {@code duration}, {@code until} a date-time, or until a trigger attribute plus {@code offset}. */
    WAIT,
    /** Waits up to {@code within} for an {@code interaction}; {@code yes} if it happens, {@code no} otherwise. */
    BRANCH_INTERACTION,
    /** {@code yes} if a profile {@code attribute} equals {@code equals} (or the patient is in {@code segmentId}). */
    BRANCH_ATTRIBUTE,
    /** Sends each instance down one of {@code paths} by percentage, the same one on every replay. */
    SPLIT,
    /** Sends {@code emailId} with {@code eventId} in its context, so the email carries the registration link. */
    INVITE_TO_EVENT,
    /** Completes the instance. */
    EXIT;

    /**
     * Nodes that make a loop acceptable. A BRANCH_INTERACTION does not count: when its interaction already
     * happened it moves on at once, so a loop through it alone could spin.
     */
    public boolean waits() {
        return this == WAIT;
    }
}
