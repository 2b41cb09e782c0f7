package org.patientoutreach.emails.send;

/**
 * What the relay reports about an email after it accepted it. A notice is recorded only if it is more severe than
 * the one the send already has.
 */
public enum DeliveryFeedback {
    /** Temporarily undeliverable (mailbox full, greylisted after acceptance): nothing to suppress. */
    SOFT_BOUNCE(1),
    /** The address does not exist or refuses mail for good: the patient goes on the suppression list. */
    HARD_BOUNCE(2),
    /** The patient marked the email as spam (a feedback loop report): the patient goes on the suppression list. */
    COMPLAINT(3);

    private final int severity;

    DeliveryFeedback(int severity) {
        this.severity = severity;
    }

    public boolean moreSevereThan(DeliveryFeedback other) {
        return other == null || severity > other.severity;
    }
}
