package org.patientoutreach.events.registration;

/** REGISTERED and CHECKED_IN hold a seat; WAITLISTED waits for one; CANCELLED holds nothing. */
public enum RegistrationStatus {
    REGISTERED,
    WAITLISTED,
    CANCELLED,
    CHECKED_IN
}
