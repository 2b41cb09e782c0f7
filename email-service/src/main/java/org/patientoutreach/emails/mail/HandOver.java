package org.patientoutreach.emails.mail;

import java.io.InterruptedIOException;

/**
 * The point of no return of one email: once the terminating dot of DATA is written, the server delivers the message
 * whatever happens to the sender, so the dispatcher records it durably there (see SendDispatcher).
 */
public interface HandOver {

    /** Nothing to record: a test send, or a caller that does not track hand-overs. */
    HandOver NONE = () -> {
    };

    /**
     * Called right before the message and its terminating dot are written; may wait, so that only so many emails are
     * past their point of no return and not yet recorded at a time. Followed by {@link #proceed} once the dot is
     * written, or by {@link #notWritten} when writing failed.
     */
    default void beforeDot() throws InterruptedIOException {
    }

    /** Records the hand-over, or has it recorded; must not throw (the dot cannot be taken back). */
    void proceed();

    /** Writing the message failed after {@link #beforeDot}: no hand-over to record. */
    default void notWritten() {
    }
}
