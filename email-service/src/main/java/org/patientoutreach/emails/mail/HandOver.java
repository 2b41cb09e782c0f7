package org.patientoutreach.emails.mail;

/**
 * Called once the terminating dot of DATA is written, before the server's reply: from then on the server delivers the
 * message whatever happens to the sender, so the dispatcher records it durably there (see SendDispatcher).
 */
@FunctionalInterface
public interface HandOver {

    /** Records the hand-over, or has it recorded; must not throw (the dot cannot be taken back). */
    void proceed();
}
