package org.patientoutreach.journeys.journey;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** What a journey is for: an instance whose patient reaches it leaves the journey as having reached its goal. */
public record Goal(@NotNull Interaction interaction, UUID eventId) {
}
