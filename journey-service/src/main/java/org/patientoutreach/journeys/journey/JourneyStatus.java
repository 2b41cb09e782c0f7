package org.patientoutreach.journeys.journey;

/**
 * DRAFT journeys can be edited; LIVE ones enroll patients and run; PAUSED ones neither enroll nor resume waits;
 * STOPPED ones were ended by hand (their instances exited); COMPLETED ones passed their end date: no new entrants,
 * running instances finish.
 */
public enum JourneyStatus {
    DRAFT,
    LIVE,
    PAUSED,
    STOPPED,
    COMPLETED
}
