package org.patientoutreach.triggers.match;

/** Fired inside a transaction that created or changed a trigger; the index reloads once it commits. */
public record TriggersChanged() {
}
