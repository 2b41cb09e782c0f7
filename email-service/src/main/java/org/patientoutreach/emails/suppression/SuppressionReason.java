package org.patientoutreach.emails.suppression;

/** Why a patient must not get email. Codes, not free text, so nobody types PHI into a reason. */
public enum SuppressionReason {
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED,
    ADMINISTRATIVE
}
