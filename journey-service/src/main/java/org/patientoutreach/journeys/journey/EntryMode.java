package org.patientoutreach.journeys.journey;

/** Which members of its segment a SEGMENT journey takes. */
public enum EntryMode {
    /** The members at go-live, and everyone who enters the segment later while the journey is live. */
    ONGOING,
    /** Only the members at go-live: a one-time campaign. */
    ONE_TIME
}
