package org.patientoutreach.journeys.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.problem.Problem.FieldError;

class GraphValidatorTest {

    private static final UUID EMAIL = UUID.randomUUID();
    private static final UUID EVENT = UUID.randomUUID();
    private final GraphValidator validator = new GraphValidator();

    private static Node send(String id, String next) {
        return Node.of(id, NodeType.SEND_EMAIL, EMAIL, null, next);
    }

    private static Node wait(String id, String duration, String next) {
        return Node.of(id, NodeType.WAIT, null, duration, next);
    }

    private static Node exit(String id) {
        return Node.of(id, NodeType.EXIT, null, null, null);
    }

    private static Node waitUntil(String id, String until, String attribute, String offset, String next) {
        return new Node(id, NodeType.WAIT, null, null, until, attribute, offset, null, null, null, null, null, null,
                null, null, next, null, null);
    }

    private static Node onInteraction(String id, Interaction interaction, String within, String stepId, UUID eventId,
            String yes, String no) {
        return new Node(id, NodeType.BRANCH_INTERACTION, null, null, null, null, null, interaction, within, stepId,
                eventId, null, null, null, null, null, yes, no);
    }

    private static Node onAttribute(String id, String attribute, String equals, UUID segmentId, String yes, String no) {
        return new Node(id, NodeType.BRANCH_ATTRIBUTE, null, null, null, null, null, null, null, null, null, attribute,
                equals, segmentId, null, null, yes, no);
    }

    private static Node split(String id, SplitPath... paths) {
        return new Node(id, NodeType.SPLIT, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(paths), null, null, null);
    }

    private static Node invite(String id, UUID emailId, UUID eventId, String next) {
        return new Node(id, NodeType.INVITE_TO_EVENT, emailId, null, null, null, null, null, null, null, eventId, null,
                null, null, null, next, null, null);
    }

    private List<String> fieldsOf(String start, Node... nodes) {
        return validator.validate(new JourneyGraph(start, List.of(nodes))).stream().map(FieldError::field).toList();
    }

    @Test
    void sendWaitExitGraphIsValid() {
        assertTrue(fieldsOf("n1", send("n1", "n2"), wait("n2", "PT1H", "n3"), exit("n3")).isEmpty());
    }

    @Test
    void graphWithEveryStepTypeIsValid() {
        assertTrue(fieldsOf("a",
                invite("a", EMAIL, EVENT, "b"),
                waitUntil("b", null, "appointmentAt", "-PT24H", "c"),
                onInteraction("c", Interaction.EMAIL_OPENED, "P3D", "a", null, "d", "e"),
                onAttribute("d", "language", "fr", null, "x", "e"),
                split("e", new SplitPath(30, "f"), new SplitPath(70, "x")),
                onInteraction("f", Interaction.EVENT_REGISTERED, "P1D", null, EVENT, "x", "g"),
                waitUntil("g", "2030-01-01T08:00:00Z", null, null, "h"),
                onAttribute("h", null, null, UUID.randomUUID(), "x", "x"),
                exit("x")).isEmpty());
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
    void danglingBranchAndSplitEdgesAreReportedByTheirField() {
        assertEquals(List.of("nodes[0].no", "nodes[1].paths[1].next"),
                fieldsOf("n1", onAttribute("n1", "gender", "female", null, "n2", "gone"),
                        split("n2", new SplitPath(50, "n3"), new SplitPath(50, "gone")), exit("n3")));
    }

    @Test
    void unknownStartNodeIsReported() {
        assertEquals(List.of("startNodeId"), fieldsOf("n0", send("n1", "n2"), exit("n2")));
    }

    @Test
    void unreachableNodeIsReported() {
        assertEquals(List.of("nodes[2].id"), fieldsOf("n1", send("n1", "n2"), exit("n2"), send("n3", "n2")));
    }

    @Test
    void loopThroughAWaitIsAllowed() {
        assertTrue(fieldsOf("n1", send("n1", "n2"), wait("n2", "P7D", "n3"),
                onAttribute("n3", "emailConsent", "true", null, "n1", "n4"), exit("n4")).isEmpty());
    }

    @Test
    void loopWithoutAWaitIsReportedAtTheEdgeThatClosesIt() {
        assertEquals(List.of("nodes[2].yes"), fieldsOf("n1", send("n1", "n2"), send("n2", "n3"),
                onAttribute("n3", "language", "en", null, "n1", "n4"), exit("n4")));
    }

    @Test
    void loopThroughAnInteractionBranchAloneIsReported() {
        assertEquals(List.of("nodes[1].no"), fieldsOf("n1", send("n1", "n2"),
                onInteraction("n2", Interaction.EMAIL_CLICKED, "P1D", "n1", null, "n3", "n1"), exit("n3")));
    }

    @Test
    void selfLoopOnAWaitIsAllowedButOnASendIsNot() {
        assertTrue(fieldsOf("n1", wait("n1", "PT1H", "n1"), exit("n2")).contains("nodes[1].id"));
        assertEquals(List.of("nodes[0].next"), fieldsOf("n1", send("n1", "n1"), exit("n2")).subList(1, 2));
    }

    @Test
    void sendEmailWithoutEmailIdIsReported() {
        assertEquals(List.of("nodes[0].emailId"),
                fieldsOf("n1", Node.of("n1", NodeType.SEND_EMAIL, null, null, "n2"), exit("n2")));
    }

    @Test
    void waitNeedsAPositiveIsoDuration() {
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", null, "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", "1 hour", "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", "PT0S", "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].duration"), fieldsOf("n1", wait("n1", "-PT1H", "n2"), exit("n2")));
    }

    @Test
    void waitUntilNeedsAnInstantAndOffsetNeedsAnAttribute() {
        assertEquals(List.of("nodes[0].until"), fieldsOf("n1", waitUntil("n1", "tomorrow", null, null, "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].offset"),
                fieldsOf("n1", waitUntil("n1", "2030-01-01T00:00:00Z", null, "-PT1H", "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].offset"), fieldsOf("n1", waitUntil("n1", null, "at", "a day", "n2"), exit("n2")));
    }

    @Test
    void interactionBranchNeedsItsLimitAndWhatItWatches() {
        assertEquals(List.of("nodes[1].within", "nodes[1].stepId"), fieldsOf("n1", send("n1", "n2"),
                onInteraction("n2", Interaction.EMAIL_OPENED, null, "n3", null, "n3", "n3"), exit("n3")));
        assertEquals(List.of("nodes[0].eventId"), fieldsOf("n1",
                onInteraction("n1", Interaction.EVENT_ATTENDED, "P1D", null, null, "n2", "n2"), exit("n2")));
    }

    @Test
    void attributeBranchTestsOnlyKnownNonPhiAttributes() {
        assertEquals(List.of("nodes[0].attribute"),
                fieldsOf("n1", onAttribute("n1", "birthDate", "2000-01-01", null, "n2", "n2"), exit("n2")));
        assertEquals(List.of("nodes[0].attribute"),
                fieldsOf("n1", onAttribute("n1", null, null, null, "n2", "n2"), exit("n2")));
    }

    @Test
    void splitPercentagesMustAddUpTo100() {
        List<FieldError> errors = validator.validate(new JourneyGraph("n1", List.of(
                split("n1", new SplitPath(30, "n2"), new SplitPath(30, "n2")), exit("n2"))));
        assertEquals(List.of("nodes[0].paths"), errors.stream().map(FieldError::field).toList());
        assertEquals("percentages add up to 60, not 100", errors.get(0).message());
    }

    @Test
    void inviteNeedsAnEmailAndAnEvent() {
        assertEquals(List.of("nodes[0].emailId", "nodes[0].eventId"),
                fieldsOf("n1", invite("n1", null, null, "n2"), exit("n2")));
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
                fieldsOf("n1", send("n1", "n2"), Node.of("n2", NodeType.EXIT, null, null, "n1")));
    }

    @Test
    void duplicateNodeIdIsReportedAtTheSecondOccurrence() {
        assertEquals(List.of("nodes[1].id"), fieldsOf("n1", send("n1", "n2"), exit("n1"), exit("n2")));
    }
}
