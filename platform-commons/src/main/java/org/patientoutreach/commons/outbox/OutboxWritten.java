package org.patientoutreach.commons.outbox;

/** Fired when an event enters the outbox; observed after commit so the relay publishes without waiting to poll. */
public record OutboxWritten(String topic) {
}
