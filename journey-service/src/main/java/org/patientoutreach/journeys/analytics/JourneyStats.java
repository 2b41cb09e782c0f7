package org.patientoutreach.journeys.analytics;

/**
 * Counts for one journey. {@code active} includes waiting instances; email counts are per request, so an email
 * reported twice (e.g. opened twice) counts once.
 */
public record JourneyStats(long entered, long active, long completed, long emailsRequested, long emailsSent,
        long emailsSuppressed) {
}
