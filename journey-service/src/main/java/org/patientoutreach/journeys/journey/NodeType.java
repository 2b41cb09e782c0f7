package org.patientoutreach.journeys.journey;

public enum NodeType {
    /** Asks email-service to send {@code emailId} to the patient, then moves on. */
    SEND_EMAIL,
    /** Waits for {@code duration} (ISO-8601, e.g. PT1H) before moving on. */
    WAIT,
    /** Completes the instance. */
    EXIT
}
