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
        Instant deadline,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt,
        Instant goalReachedAt) {

    static InstanceView of(JourneyInstance instance) {
        return new InstanceView(instance.id, instance.journeyId, instance.patientId, instance.status,
                instance.currentNodeId, instance.wakeAt, instance.deadline, instance.startedAt, instance.updatedAt,
                instance.completedAt, instance.goalReachedAt);
    }
}
