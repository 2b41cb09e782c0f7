package org.patientoutreach.journeys.journey;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patientoutreach.commons.problem.Problem.FieldError;

/**
 * Checks that a journey graph can run: the start node exists, every {@code next} names a node, nodes carry what
 * their type needs, and following {@code next} from any node ends at an EXIT without looping. Because every
 * non-EXIT node must have a {@code next} and there are no cycles, every path from the start ends at an EXIT.
 * Expects Bean-Validated input (every node has an id and a type). Pure: no I/O, no CDI.
 */
public final class GraphValidator {

    /** @return the offending fields, named as in the request ({@code nodes[1].next}); empty when the graph is valid */
    public List<FieldError> validate(JourneyGraph graph) {
        List<FieldError> errors = new ArrayList<>();
        List<Node> nodes = graph.nodes();
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Integer first = indexById.putIfAbsent(nodes.get(i).id(), i);
            if (first != null) {
                errors.add(new FieldError(field(i, "id"), "duplicates nodes[" + first + "].id"));
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            checkNode(i, nodes.get(i), indexById, errors);
        }
        if (!indexById.containsKey(graph.startNodeId())) {
            errors.add(new FieldError("startNodeId", "does not name a node"));
        }
        if (nodes.stream().noneMatch(n -> n.type() == NodeType.EXIT)) {
            errors.add(new FieldError("nodes", "must contain an EXIT node"));
        }
        if (errors.isEmpty()) {
            findCycle(nodes, indexById, errors);
        }
        return errors;
    }

    private static void checkNode(int i, Node node, Map<String, Integer> indexById, List<FieldError> errors) {
        switch (node.type()) {
            case SEND_EMAIL -> {
                if (node.emailId() == null) {
                    errors.add(new FieldError(field(i, "emailId"), "is required for SEND_EMAIL"));
                }
            }
            case WAIT -> checkDuration(i, node.duration(), errors);
            case EXIT -> {
                if (node.next() != null) {
                    errors.add(new FieldError(field(i, "next"), "must be empty: EXIT ends the journey"));
                }
                return;
            }
        }
        if (node.next() == null || node.next().isBlank()) {
            errors.add(new FieldError(field(i, "next"), "is required: every path must end at an EXIT node"));
        } else if (!indexById.containsKey(node.next())) {
            errors.add(new FieldError(field(i, "next"), "does not name a node"));
        }
    }

    private static void checkDuration(int i, String duration, List<FieldError> errors) {
        if (duration == null) {
            errors.add(new FieldError(field(i, "duration"), "is required for WAIT"));
            return;
        }
        try {
            Duration parsed = Duration.parse(duration);
            if (parsed.isZero() || parsed.isNegative()) {
                errors.add(new FieldError(field(i, "duration"), "must be positive"));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field(i, "duration"), "must be an ISO-8601 duration such as PT1H"));
        }
    }

    /** Every node has at most one successor, so a walk along {@code next} either ends or comes back to itself. */
    private static void findCycle(List<Node> nodes, Map<String, Integer> indexById, List<FieldError> errors) {
        final int unseen = 0;
        final int onPath = 1;
        final int done = 2;
        int[] state = new int[nodes.size()];
        for (int start = 0; start < nodes.size(); start++) {
            List<Integer> path = new ArrayList<>();
            Integer current = start;
            while (current != null && state[current] == unseen) {
                state[current] = onPath;
                path.add(current);
                String next = nodes.get(current).next();
                current = next == null ? null : indexById.get(next);
            }
            if (current != null && state[current] == onPath) {
                int closing = path.get(path.size() - 1);
                errors.add(new FieldError(field(closing, "next"), "closes a cycle through nodes[" + current + "]"));
            }
            path.forEach(i -> state[i] = done);
        }
    }

    private static String field(int index, String name) {
        return "nodes[" + index + "]." + name;
    }
}
