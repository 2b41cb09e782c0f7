package org.patientoutreach.journeys.journey;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The executable part of a journey, stored as one jsonb document. */
public record JourneyGraph(String startNodeId, List<Node> nodes) {

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /**
     * Ids of the nodes that lie on some cycle: an instance can visit them more than once, so their request ids
     * must count visits.
     */
    public Set<String> nodesOnCycles() {
        Map<String, Node> byId = new HashMap<>();
        nodes.forEach(n -> byId.putIfAbsent(n.id(), n));
        Set<String> onCycle = new HashSet<>();
        for (Node node : nodes) {
            if (reaches(byId, node.successors(), node.id(), new HashSet<>())) {
                onCycle.add(node.id());
            }
        }
        return onCycle;
    }

    private static boolean reaches(Map<String, Node> byId, List<String> from, String target, Set<String> seen) {
        for (String id : from) {
            if (id.equals(target)) {
                return true;
            }
            Node node = byId.get(id);
            if (node != null && seen.add(id) && reaches(byId, node.successors(), target, seen)) {
                return true;
            }
        }
        return false;
    }
}
