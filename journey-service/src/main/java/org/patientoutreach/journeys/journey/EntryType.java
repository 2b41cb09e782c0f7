package org.patientoutreach.journeys.journey;

/** What puts a patient into a journey. */
public enum EntryType {
    /** Entering a segment (segments.membership-changed ENTERED), and being a member when the journey goes live. */
    SEGMENT,
    /** A trigger firing for the patient (triggers.fired). */
    TRIGGER
}
