package org.patientoutreach.journeys.journey;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patientoutreach.commons.problem.Problem.FieldError;

/**
 * Checks that a journey graph can run, naming each offending field as in the request ({@code nodes[1].next}): node
 * ids are unique, the start node exists, every edge names a node, nodes carry what their type needs, every node is
 * reachable from the start, and every loop passes through a WAIT, so an
 * instance can never spin. Expects Bean-Validated input (every node has an id and a type). Pure: no I/O, no CDI.
 */
public final class GraphValidator {

    /** Profile attributes a BRANCH_ATTRIBUTE may test: the ones journey-service keeps (no PHI). */
    public static final Set<String> ATTRIBUTES = Set.of("language", "timezone", "gender", "emailConsent", "deceased");

    /** @return the offending fields; empty when the graph is valid */
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
            checkNode(i, nodes.get(i), nodes, indexById, errors);
        }
        if (!indexById.containsKey(graph.startNodeId())) {
            errors.add(new FieldError("startNodeId", "does not name a node"));
        }
        if (nodes.stream().noneMatch(n -> n.type() == NodeType.EXIT)) {
            errors.add(new FieldError("nodes", "must contain an EXIT node"));
        }
        if (errors.isEmpty()) {
            findUnreachable(graph, indexById, errors);
            findLoopWithoutWait(nodes, indexById, errors);
        }
        return errors;
    }

    private static void checkNode(int i, Node node, List<Node> nodes, Map<String, Integer> indexById,
            List<FieldError> errors) {
        switch (node.type()) {
            case SEND_EMAIL -> {
                required(i, "emailId", node.emailId(), errors);
                edge(i, "next", node.next(), indexById, errors);
            }
            case INVITE_TO_EVENT -> {
                required(i, "emailId", node.emailId(), errors);
                required(i, "eventId", node.eventId(), errors);
                edge(i, "next", node.next(), indexById, errors);
            }
            case WAIT -> {
                checkWait(i, node, errors);
                edge(i, "next", node.next(), indexById, errors);
            }
            case BRANCH_INTERACTION -> {
                checkInteraction(i, node, nodes, indexById, errors);
                yesNo(i, node, indexById, errors);
            }
            case BRANCH_ATTRIBUTE -> {
                checkAttribute(i, node, errors);
                yesNo(i, node, indexById, errors);
            }
            case SPLIT -> checkSplit(i, node, indexById, errors);
            case EXIT -> {
                node.edges().forEach(edge -> errors.add(new FieldError(field(i, edge.field()),
                        "must be empty: EXIT ends the journey")));
            }
        }
    }

    private static void checkWait(int i, Node node, List<FieldError> errors) {
        int given = (node.duration() != null ? 1 : 0) + (node.until() != null ? 1 : 0)
                + (node.untilAttribute() != null ? 1 : 0);
        if (given != 1) {
            errors.add(new FieldError(field(i, "duration"), "WAIT needs exactly one of duration, until, untilAttribute"));
            return;
        }
        if (node.duration() != null) {
            positiveDuration(i, "duration", node.duration(), errors);
        } else if (node.until() != null) {
            try {
                Instant.parse(node.until());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field(i, "until"), "must be an ISO-8601 instant such as 2026-12-01T08:00:00Z"));
            }
        } else if (node.untilAttribute().isBlank()) {
            errors.add(new FieldError(field(i, "untilAttribute"), "must name a trigger attribute"));
        }
        if (node.offset() != null) {
            if (node.untilAttribute() == null) {
                errors.add(new FieldError(field(i, "offset"), "only applies with untilAttribute"));
            } else {
                try {
                    Duration.parse(node.offset());
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(field(i, "offset"), "must be a signed ISO-8601 duration such as -PT24H"));
                }
            }
        }
    }

    private static void checkInteraction(int i, Node node, List<Node> nodes, Map<String, Integer> indexById,
            List<FieldError> errors) {
        if (node.interaction() == null) {
            errors.add(new FieldError(field(i, "interaction"), "is required for BRANCH_INTERACTION"));
            return;
        }
        if (node.within() == null) {
            errors.add(new FieldError(field(i, "within"), "is required: how long to wait before taking no"));
        } else {
            positiveDuration(i, "within", node.within(), errors);
        }
        if (node.interaction().aboutEmail()) {
            Integer sender = node.stepId() == null ? null : indexById.get(node.stepId());
            NodeType type = sender == null ? null : nodes.get(sender).type();
            if (type != NodeType.SEND_EMAIL && type != NodeType.INVITE_TO_EVENT) {
                errors.add(new FieldError(field(i, "stepId"), "must name a SEND_EMAIL or INVITE_TO_EVENT node"));
            }
        } else {
            required(i, "eventId", node.eventId(), errors);
        }
    }

    private static void checkAttribute(int i, Node node, List<FieldError> errors) {
        if ((node.attribute() == null) == (node.segmentId() == null)) {
            errors.add(new FieldError(field(i, "attribute"), "BRANCH_ATTRIBUTE needs exactly one of attribute, segmentId"));
        } else if (node.attribute() != null) {
            if (!ATTRIBUTES.contains(node.attribute())) {
                errors.add(new FieldError(field(i, "attribute"), "must be one of " + String.join(", ", ATTRIBUTES.stream()
                        .sorted().toList())));
            }
            required(i, "equals", node.equals(), errors);
        }
    }

    private static void checkSplit(int i, Node node, Map<String, Integer> indexById, List<FieldError> errors) {
        if (node.paths() == null || node.paths().size() < 2) {
            errors.add(new FieldError(field(i, "paths"), "SPLIT needs at least two paths"));
            return;
        }
        int total = 0;
        for (int p = 0; p < node.paths().size(); p++) {
            SplitPath path = node.paths().get(p);
            total += path.percent();
            edge(i, "paths[" + p + "].next", path.next(), indexById, errors);
        }
        if (total != 100) {
            errors.add(new FieldError(field(i, "paths"), "percentages add up to " + total + ", not 100"));
        }
    }

    private static void yesNo(int i, Node node, Map<String, Integer> indexById, List<FieldError> errors) {
        edge(i, "yes", node.yes(), indexById, errors);
        edge(i, "no", node.no(), indexById, errors);
    }

    private static void edge(int i, String name, String target, Map<String, Integer> indexById,
            List<FieldError> errors) {
        if (target == null || target.isBlank()) {
            errors.add(new FieldError(field(i, name), "is required: every path must end at an EXIT node"));
        } else if (!indexById.containsKey(target)) {
            errors.add(new FieldError(field(i, name), "does not name a node"));
        }
    }

    private static void required(int i, String name, Object value, List<FieldError> errors) {
        if (value == null || value instanceof String s && s.isBlank()) {
            errors.add(new FieldError(field(i, name), "is required for this node type"));
        }
    }

    private static void positiveDuration(int i, String name, String value, List<FieldError> errors) {
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.isZero() || parsed.isNegative()) {
                errors.add(new FieldError(field(i, name), "must be positive"));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field(i, name), "must be an ISO-8601 duration such as PT1H"));
        }
    }

    private static void findUnreachable(JourneyGraph graph, Map<String, Integer> indexById, List<FieldError> errors) {
        List<Node> nodes = graph.nodes();
        boolean[] seen = new boolean[nodes.size()];
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(indexById.get(graph.startNodeId()));
        while (!todo.isEmpty()) {
            int current = todo.pop();
            if (!seen[current]) {
                seen[current] = true;
                nodes.get(current).successors().forEach(s -> todo.push(indexById.get(s)));
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (!seen[i]) {
                errors.add(new FieldError(field(i, "id"), "is not reachable from startNodeId"));
            }
        }
    }

    /**
     * Looks for a cycle among the edges that leave non-waiting nodes: such a cycle would run without ever stopping.
     * Reported at the node whose edge closes it.
     */
    private static void findLoopWithoutWait(List<Node> nodes, Map<String, Integer> indexById, List<FieldError> errors) {
        int[] state = new int[nodes.size()]; // 0 unseen, 1 on the current path, 2 done
        for (int start = 0; start < nodes.size(); start++) {
            if (state[start] == 0 && !nodes.get(start).type().waits()) {
                dfs(start, nodes, indexById, state, errors);
            }
        }
    }

    private static void dfs(int current, List<Node> nodes, Map<String, Integer> indexById, int[] state,
            List<FieldError> errors) {
        state[current] = 1;
        for (Node.Edge edge : nodes.get(current).edges()) {
            int next = indexById.get(edge.target());
            if (nodes.get(next).type().waits()) {
                continue;
            }
            if (state[next] == 1) {
                errors.add(new FieldError(field(current, edge.field()),
                        "closes a loop through nodes[" + next + "] without a WAIT"));
            } else if (state[next] == 0) {
                dfs(next, nodes, indexById, state, errors);
            }
        }
        state[current] = 2;
    }

    private static String field(int index, String name) {
        return "nodes[" + index + "]." + name;
    }
}
