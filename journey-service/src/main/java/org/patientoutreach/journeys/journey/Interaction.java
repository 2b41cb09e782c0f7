package org.patientoutreach.journeys.journey;

/** What a patient can do that an if/then branch or a goal waits for. */
public enum Interaction {
    /** The email of the step named by {@code stepId} was opened (a click counts as an open). */
    EMAIL_OPENED,
    /** A link in the email of the step named by {@code stepId} was clicked. */
    EMAIL_CLICKED,
    /** Registered for (or checked in at) the event {@code eventId}. */
    EVENT_REGISTERED,
    /** Checked in at the event {@code eventId}. */
    EVENT_ATTENDED;

    public boolean aboutEmail() {
        return this == EMAIL_OPENED || this == EMAIL_CLICKED;
    }
}
