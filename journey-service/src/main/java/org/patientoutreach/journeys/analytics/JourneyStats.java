package org.patientoutreach.journeys.analytics;

import java.util.List;

/**
 * Counts for one journey revision. {@code inProgress} includes {@code waiting}; {@code completed} includes
 * {@code goalReached} (reaching the goal ends an instance); {@code exited} left early. Email counts are per request,
 * so an email reported twice (e.g. opened twice) counts once.
 */
public record JourneyStats(long entered, long inProgress, long waiting, long completed, long exited, long goalReached,
        long failed, long emailsRequested, long emailsSent, long emailsSuppressed, long emailsOpened,
        List<StepStats> steps) {
}
