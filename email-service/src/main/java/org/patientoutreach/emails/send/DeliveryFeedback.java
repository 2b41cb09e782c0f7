package org.patientoutreach.emails.send;

/**
 * What the relay reports about an email after it accepted it, least severe first: a notice is recorded only if it is
 * more severe than the one the send already has.
 */
public enum DeliveryFeedback {
    /** Temporarily undeliverable (mailbox full, greylisted after acceptance): nothing to suppress. */
    SOFT_BOUNCE,
    /** The address does not exist or refuses mail for good: the patient goes on the suppression list. */
    HARD_BOUNCE,
    /** The patient marked the email as spam (a feedback loop report): the patient goes on the suppression list. */
    COMPLAINT;

    public boolean moreSevereThan(DeliveryFeedback other) {
        return other == null || compareTo(other) > 0;
    }
}
