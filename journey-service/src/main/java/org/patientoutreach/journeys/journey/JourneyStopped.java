package org.patientoutreach.journeys.journey;

import java.util.UUID;

/** Fired inside the stopping transaction: the instances still running leave the journey with it. */
public record JourneyStopped(UUID journeyId) {
}
