package org.patientoutreach.emails.send;

/** A send request entered the queue; the dispatcher wakes once its transaction committed. */
public record SendQueued(String requestId) {
}
