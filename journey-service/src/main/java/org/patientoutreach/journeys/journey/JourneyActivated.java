package org.patientoutreach.journeys.journey;

/**
 * Fired synchronously, inside the activating transaction, when a journey goes LIVE: entry sources observe it to
 * enroll patients who qualified before the journey existed, so the order of go-live does not matter.
 */
public record JourneyActivated(Journey journey) {
}
