package org.patientoutreach.journeys.journey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A journey as the API returns it: the definition as submitted, plus its lifecycle fields. */
public record JourneyView(
        UUID id,
        String name,
        String description,
        Entry entry,
        Reentry reentry,
        String startNodeId,
        List<Node> nodes,
        JourneyStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static JourneyView of(Journey journey) {
        return new JourneyView(journey.id, journey.name, journey.description, journey.entry(), journey.reentry,
                journey.graph.startNodeId(), journey.graph.nodes(), journey.status, journey.version,
                journey.createdAt, journey.updatedAt);
    }
}
