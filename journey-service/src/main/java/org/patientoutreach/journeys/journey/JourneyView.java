package org.patientoutreach.journeys.journey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A journey revision as the API returns it: the definition as submitted, plus its lifecycle fields. */
public record JourneyView(
        UUID id,
        UUID lineageId,
        int revision,
        String name,
        String description,
        Entry entry,
        Reentry reentry,
        Integer reentryAfterDays,
        JourneySettings settings,
        String startNodeId,
        List<Node> nodes,
        JourneyStatus status,
        Instant supersededAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static JourneyView of(Journey journey) {
        return new JourneyView(journey.id, journey.lineageId, journey.revision, journey.name, journey.description,
                journey.entry(), journey.reentry, journey.reentryAfterDays, journey.settings(),
                journey.graph.startNodeId(), journey.graph.nodes(), journey.status, journey.supersededAt,
                journey.version, journey.createdAt, journey.updatedAt);
    }
}
