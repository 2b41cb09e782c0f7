package org.patientoutreach.commons.links;

/** Purposes of signed links that one service issues and another verifies, so both sides name them the same way. */
public final class LinkPurposes {

    /** Registers one patient for one event: issued by events-service and by email-service (invitations in journeys). */
    public static final String EVENT_REGISTRATION = "event-registration";

    private LinkPurposes() {
    }
}
