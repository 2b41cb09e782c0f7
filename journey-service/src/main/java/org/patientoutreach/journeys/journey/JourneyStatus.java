package org.patientoutreach.journeys.journey;

/** DRAFT journeys can be edited; LIVE ones enroll patients and run; PAUSED ones neither enroll nor resume waits. */
public enum JourneyStatus {
    DRAFT,
    LIVE,
    PAUSED
}
