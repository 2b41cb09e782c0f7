package org.patientoutreach.emails.send;

/** Machine codes for why a requested email was not sent. They travel in delivery events: never PHI. */
public enum SuppressionCause {
    /** The template does not exist or is not READY. */
    TEMPLATE_NOT_READY,
    /** No profile of the patient has arrived yet. */
    NO_CONTACT,
    DECEASED,
    /** The patient is on the suppression list. */
    UNSUBSCRIBED,
    NO_EMAIL_ADDRESS
}
