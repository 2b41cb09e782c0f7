package org.patientoutreach.events.event;

/** A CANCELLED event takes no registrations and no edits. */
public enum EventStatus {
    SCHEDULED,
    CANCELLED
}
