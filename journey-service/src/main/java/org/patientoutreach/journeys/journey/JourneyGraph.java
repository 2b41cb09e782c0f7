package org.patientoutreach.journeys.journey;

import java.util.List;
import java.util.Optional;

/** The executable part of a journey, stored as one jsonb document. */
public record JourneyGraph(String startNodeId, List<Node> nodes) {

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
