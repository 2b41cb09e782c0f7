package org.patientoutreach.journeys.analytics;

/**
 * Counts for one node: {@code entered} visits (a loop counts each), {@code inProgress} instances there now (of which
 * {@code waiting}), {@code passed} visits that moved on, {@code completed} instances that ended here (EXIT nodes),
 * {@code exited} that left early here, {@code goalReached} that reached the goal while here, {@code failed}.
 */
public record StepStats(String nodeId, String type, long entered, long inProgress, long waiting, long passed,
        long completed, long exited, long goalReached, long failed) {
}
