package org.patientoutreach.events.event;

/** Where patients attend: a venue ({@code location}), an online meeting ({@code joinUrl}), or both. */
public enum EventFormat {
    VIRTUAL,
    IN_PERSON,
    HYBRID;

    public boolean hasVenue() {
        return this != VIRTUAL;
    }

    public boolean isOnline() {
        return this != IN_PERSON;
    }
}
