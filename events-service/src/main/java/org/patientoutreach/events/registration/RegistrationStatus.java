package org.patientoutreach.events.registration;

/**
 * REGISTERED and CHECKED_IN hold a seat; WAITLISTED waits for one; CANCELLED holds nothing; NO_SHOW was REGISTERED
 * when the event was completed without checking in (a late check-in still turns it into CHECKED_IN).
 */
public enum RegistrationStatus {
    REGISTERED,
    WAITLISTED,
    CANCELLED,
    CHECKED_IN,
    NO_SHOW
}
