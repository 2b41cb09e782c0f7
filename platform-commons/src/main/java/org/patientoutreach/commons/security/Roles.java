package org.patientoutreach.commons.security;

/**
 * The platform's roles, carried in the JWT {@code groups} claim. What each may do is declared with
 * {@code @RolesAllowed} on every resource method and documented in the README.
 */
public final class Roles {

    /** Everything, including the audit log. */
    public static final String ADMIN = "outreach-admin";
    /** Segments, emails, journeys, triggers. */
    public static final String MARKETER = "marketer";
    /** Events, registrations, check-in. */
    public static final String EVENT_COORDINATOR = "event-coordinator";
    /** Read-only analytics: definitions and counts, never patient-level data. */
    public static final String ANALYST = "analyst";
    /** Machine intake: the EHR endpoints, and the mail relay's delivery feedback. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
