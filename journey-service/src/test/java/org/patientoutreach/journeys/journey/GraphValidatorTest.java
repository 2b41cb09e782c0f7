package org.patientoutreach.journeys.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.problem.Problem.FieldError;

class GraphValidatorTest {

    private static final UUID EMAIL = UUID.randomUUID();
    private final GraphValidator validator = new GraphValidator();

    private static Node send(String id, String next) {
        return new Node(id, NodeType.SEND_EMAIL, EMAIL, null, next);
    }

    private static Node wait(String id, String duration, String next) {
        return new Node(id, NodeType.WAIT, null, duration, next);
    }

    private static Node exit(String id) {
        return new Node(id, NodeType.EXIT, null, null, null);
    }

    private List<String> fieldsOf(String start, Node... nodes) {
        return validator.validate(new JourneyGraph(start, List.of(nodes))).stream().map(FieldError::field).toList();
    }

    @Test
    void sendWaitExitGraphIsValid() {
        assertTrue(fieldsOf("n1", send("n1", "n2"), wait("n2", "PT1H", "n3"), exit("n3")).isEmpty());
    }

    @Test
    void nodesNeedNotBeListedInPathOrder() {
        assertTrue(fieldsOf("a", exit("z"), wait("b", "P1D", "z"), send("a", "b")).isEmpty());
    }

    @Test
    void nextThatNamesNoNodeIsReportedAtThatNode() {
        List<FieldError> errors = validator.validate(new JourneyGraph("n1",
                List.of(send("n1", "n2"), wait("n2", "PT1H", "n9"), exit("n3"))));
        assertEquals(List.of("nodes[1].next"), errors.stream().map(FieldError::field).toList());
        assertEquals("does not name a node", errors.get(0).message());
    }

    @Test
    void unknownStartNodeIsReported() {
        assertEquals(List.of("startNodeId"), fieldsOf("n0", send("n1", "n2"), exit("n2")));
    }

    @Test
    void cycleIsReportedAtTheNodeThatClosesIt() {
        assertEquals(List.of("nodes[2].next"),
                fieldsOf("n1", send("n1", "n2"), wait("n2", "PT1H", "n3"), send("n3", "n2"), exit("n4")));
    }

    @Test
    void selfLoopIsACycle() {
        assertEquals(List.of("nodes[0].next"), fieldsOf("n1", wait("n1", "PT1H", "n1"), exit("n2")));
    }

    @Test
    void sendEmailWithoutEmailIdIsReported() {
        assertEquals(List.of("nodes[0].emailId"),
                fieldsOf("n1", new Node("n1", NodeType.SEND_EMAIL, null, null, "n2"), exit("n2")));
    }

    @Test
    void waitNeedsAPositiveIsoDuration() {
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", null, "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", "1 hour", "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", "PT0S", "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", "-PT1H", "n2"), exit("n2")));
    }

    @Test
    void graphWithoutExitIsReported() {
        List<String> fields = fieldsOf("n1", send("n1", null));
        assertTrue(fields.contains("nodes"), fields.toString());
        assertTrue(fields.contains("nodes[0].next"), fields.toString());
    }

    @Test
    void nonExitNodeWithoutNextIsReported() {
        assertEquals(List.of("nodes[1].next"), fieldsOf("n1", send("n1", "n2"), send("n2", null), exit("n3")));
    }

    @Test
    void exitWithNextIsReported() {
        assertEquals(List.of("nodes[1].next"),
                fieldsOf("n1", send("n1", "n2"), new Node("n2", NodeType.EXIT, null, null, "n1")));
    }

    @Test
    void duplicateNodeIdIsReportedAtTheSecondOccurrence() {
        assertEquals(List.of("nodes[1].id"), fieldsOf("n1", send("n1", "n2"), exit("n1"), exit("n2")));
    }
}
