package org.patientoutreach.emails.send;

public enum SendStatus {
    SENT,
    SUPPRESSED,
    FAILED
}
