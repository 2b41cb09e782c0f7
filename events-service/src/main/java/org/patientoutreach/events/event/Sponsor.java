package org.patientoutreach.events.event;

/** Who runs the event: a care provider (a clinic's webinar) or a payer (a health plan's wellness session). */
public enum Sponsor {
    PROVIDER,
    PAYER
}
