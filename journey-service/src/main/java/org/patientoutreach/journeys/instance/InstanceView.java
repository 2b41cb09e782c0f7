package org.patientoutreach.journeys.instance;

import java.time.Instant;
import java.util.UUID;

public record InstanceView(
        UUID id,
        UUID journeyId,
        String patientId,
        InstanceStatus status,
        String currentNodeId,
        Instant wakeAt,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt) {

    static InstanceView of(JourneyInstance instance) {
        return new InstanceView(instance.id, instance.journeyId, instance.patientId, instance.status,
                instance.currentNodeId, instance.wakeAt, instance.startedAt, instance.updatedAt, instance.completedAt);
    }
}
