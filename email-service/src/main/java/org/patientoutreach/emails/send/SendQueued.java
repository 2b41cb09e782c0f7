package org.patientoutreach.emails.send;

/** Send requests entered the queue; the dispatcher wakes once their transaction committed. */
public record SendQueued(int count) {
}
