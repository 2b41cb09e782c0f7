package org.patientoutreach.events.event;

/** VIRTUAL events need a join URL, IN_PERSON events a location. */
public enum EventFormat {
    VIRTUAL,
    IN_PERSON
}
