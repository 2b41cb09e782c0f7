package org.patientoutreach.emails.send;

/**
 * Where a send request stands. QUEUED and DEFERRED (quiet hours, or a retry after a transient SMTP failure) wait for
 * their due time; SENDING is claimed by a dispatcher until its lease ends; SENT, SUPPRESSED and FAILED are final.
 */
public enum SendStatus {
    QUEUED,
    DEFERRED,
    SENDING,
    SENT,
    SUPPRESSED,
    FAILED;

    public boolean isFinal() {
        return this == SENT || this == SUPPRESSED || this == FAILED;
    }
}
