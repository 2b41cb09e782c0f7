package org.patientoutreach.journeys.journey;

/**
 * Fired synchronously, inside the activating transaction, when a journey goes LIVE: entry sources observe it to
 * enroll patients who qualified before, so the order of go-live does not matter. {@code firstTime} is false when a
 * PAUSED journey resumes (a ONE_TIME journey then takes nobody new).
 */
public record JourneyActivated(Journey journey, boolean firstTime) {
}
