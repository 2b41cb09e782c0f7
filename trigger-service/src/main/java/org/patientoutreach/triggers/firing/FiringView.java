package org.patientoutreach.triggers.firing;

import java.time.Instant;
import java.util.UUID;

public record FiringView(
        UUID firingId,
        UUID triggerId,
        String patientId,
        String interactionId,
        String interactionType,
        Instant occurredAt,
        Instant firedAt) {

    static FiringView of(Firing f) {
        return new FiringView(f.firingId, f.triggerId, f.patientId, f.interactionId, f.interactionType,
                f.occurredAt, f.firedAt);
    }
}
