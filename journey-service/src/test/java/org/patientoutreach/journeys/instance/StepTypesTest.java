package org.patientoutreach.journeys.instance;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.MEMBERSHIP;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.asMarketer;
import static org.patientoutreach.journeys.Fixtures.awaitStatus;
import static org.patientoutreach.journeys.Fixtures.create;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.delivery;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.history;
import static org.patientoutreach.journeys.Fixtures.instances;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.membership;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.publishEvent;
import static org.patientoutreach.journeys.Fixtures.publishReferences;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.journeys.patient.PatientAttributes;
import org.patientoutreach.journeys.segment.SegmentMembers;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.schemas.EventStatus;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.schemas.RegistrationStatus;
import org.patientoutreach.testing.KafkaTestClient;

/** Every step type, run by real instances from real Kafka records into real email requests. */
@QuarkusTest
class StepTypesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final UUID YES_EMAIL = UUID.randomUUID();
    private static final UUID NO_EMAIL = UUID.randomUUID();
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    PatientAttributes attributes;

    @Inject
    SegmentMembers members;

    private static Map<String, Object> send(String id, UUID emailId, String next) {
        return Map.of("id", id, "type", "SEND_EMAIL", "emailId", emailId.toString(), "next", next);
    }

    private static Map<String, Object> exit(String id) {
        return Map.of("id", id, "type", "EXIT");
    }

    /** n1 is the branch under test; yes sends YES_EMAIL, no sends NO_EMAIL. */
    private static List<Map<String, Object>> branchThenSend(Map<String, Object> branch) {
        return List.of(branch, send("y", YES_EMAIL, "x"), send("n", NO_EMAIL, "x"), exit("x"));
    }

    private static EmailSendRequested awaitRequest(KafkaTestClient.Subscription requests, UUID journeyId,
            String patientId, String stepId) {
        return (EmailSendRequested) requests.await(r -> isRequest(r, journeyId, patientId, stepId), TIMEOUT).value();
    }

    @Test
    void attributeBranchFollowsTheProfileFromPatientsProfiles() {
        UUID triggerId = UUID.randomUUID();
        String french = patientId();
        String unknown = patientId();
        kafka.send("patients.profiles", french, PatientProfile.newBuilder().setPatientId(french).setLanguage("fr")
                .setUpdatedAt(Instant.now()).build());
        await().atMost(TIMEOUT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> attributes.valueOf(french, "language")).isPresent());
        UUID journeyId = createLive(definition(triggerEntry(triggerId), branchThenSend(Map.of("id", "n1", "type",
                "BRANCH_ATTRIBUTE", "attribute", "language", "equals", "FR", "yes", "y", "no", "n"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, french, firing(triggerId, french, Map.of()));
            kafka.send(FIRINGS, unknown, firing(triggerId, unknown, Map.of()));
            assertEquals(YES_EMAIL.toString(), awaitRequest(requests, journeyId, french, "y").getEmailId());
            assertEquals(NO_EMAIL.toString(), awaitRequest(requests, journeyId, unknown, "n").getEmailId());
        }
        Map<String, Object> step = history(journeyId, instances(journeyId, french).get(0).get("id")).get(0);
        assertEquals("BRANCHED", step.get("outcome"));
        assertEquals("yes", step.get("detail"));
    }

    @Test
    void segmentBranchTakesYesForMembersOfTheSegment() {
        UUID triggerId = UUID.randomUUID();
        UUID vip = UUID.randomUUID();
        String member = patientId();
        kafka.send(MEMBERSHIP, member, membership(vip, member, MembershipChange.ENTERED));
        UUID journeyId = createLive(definition(triggerEntry(triggerId), branchThenSend(Map.of("id", "n1", "type",
                "BRANCH_ATTRIBUTE", "segmentId", vip.toString(), "yes", "y", "no", "n"))));
        await().atMost(TIMEOUT).until(() -> QuarkusTransaction.requiringNew().call(() -> members.isMember(vip, member)));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, member, firing(triggerId, member, Map.of()));
            awaitRequest(requests, journeyId, member, "y");
        }
    }

    @Test
    void splitSendsEveryInstanceDownAPathAndRecordsWhich() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                Map.of("id", "n1", "type", "SPLIT", "paths", List.of(Map.of("percent", 0, "next", "y"),
                        Map.of("percent", 100, "next", "n"))),
                send("y", YES_EMAIL, "x"), send("n", NO_EMAIL, "x"), exit("x"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            awaitRequest(requests, journeyId, patientId, "n");
        }
        assertEquals("path 2", history(journeyId, instances(journeyId, patientId).get(0).get("id")).get(0).get("detail"));
    }

    @Test
    void inviteToAPublishedEventSendsTheEmailWithTheEventInItsContext() {
        UUID triggerId = UUID.randomUUID();
        UUID eventId = publishEvent(kafka, EventStatus.PUBLISHED);
        UUID emailId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                Map.of("id", "n1", "type", "INVITE_TO_EVENT", "emailId", emailId.toString(), "eventId",
                        eventId.toString(), "next", "x"),
                exit("x"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            EmailSendRequested request = awaitRequest(requests, journeyId, patientId, "n1");
            assertEquals(emailId.toString(), request.getEmailId());
            assertEquals(eventId.toString(), request.getContext().get("eventId"));
        }
    }

    @Test
    void invitationToAnEventThatIsNotPublishedCannotGoLiveAndTheProblemNamesTheNode() {
        UUID draftEvent = publishEvent(kafka, EventStatus.DRAFT);
        UUID journeyId = create(definition(triggerEntry(UUID.randomUUID()), List.of(
                send("n1", UUID.randomUUID(), "n2"),
                Map.of("id", "n2", "type", "INVITE_TO_EVENT", "emailId", UUID.randomUUID().toString(), "eventId",
                        draftEvent.toString(), "next", "n3"),
                Map.of("id", "n3", "type", "INVITE_TO_EVENT", "emailId", UUID.randomUUID().toString(), "eventId",
                        UUID.randomUUID().toString(), "next", "x"),
                exit("x"))));
        publishReferences(journeyId); // its trigger and emails are ready: only the events are wrong

        asMarketer().when().post("/api/journeys/" + journeyId + "/activate")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("nodes[1].eventId", "nodes[2].eventId")))
                .body("errors.message", equalTo(List.of("event is DRAFT, not PUBLISHED", "names no event in the catalog")));
        asMarketer().when().get("/api/journeys/" + journeyId).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void waitUntilATriggerAttributeMinusAnOffsetWakesAtThatTime() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        Instant appointment = Instant.now().plus(Duration.ofHours(24)).plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                Map.of("id", "n1", "type", "WAIT", "untilAttribute", "appointmentAt", "offset", "-PT24H", "next", "n2"),
                send("n2", YES_EMAIL, "x"), exit("x"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of("appointmentAt", appointment.toString())));
            Map<String, Object> waiting = awaitStatus(journeyId, patientId, "WAITING");
            Instant wakeAt = Instant.parse((String) waiting.get("wakeAt"));
            assertEquals(appointment.minus(Duration.ofHours(24)), wakeAt);

            awaitRequest(requests, journeyId, patientId, "n2");
            assertTrue(!Instant.now().isBefore(wakeAt), "sent only once the wait is over");
        }
    }

    @Test
    void waitUntilADateTimeWakesAtThatTime() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        Instant until = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                Map.of("id", "n1", "type", "WAIT", "until", until.toString(), "next", "n2"),
                send("n2", YES_EMAIL, "x"), exit("x"))));

        kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
        assertEquals(until, Instant.parse((String) awaitStatus(journeyId, patientId, "WAITING").get("wakeAt")));
    }

    @Test
    void openedEmailBeforeTheLimitTakesTheYesPath() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                send("n1", UUID.randomUUID(), "b"),
                Map.of("id", "b", "type", "BRANCH_INTERACTION", "interaction", "EMAIL_OPENED", "stepId", "n1",
                        "within", "PT10M", "yes", "y", "no", "n"),
                send("y", YES_EMAIL, "x"), send("n", NO_EMAIL, "x"), exit("x"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            EmailSendRequested first = awaitRequest(requests, journeyId, patientId, "n1");
            awaitStatus(journeyId, patientId, "WAITING");
            kafka.send("emails.delivery-events", patientId, delivery(first, DeliveryEventType.SENT));
            kafka.send("emails.delivery-events", patientId, delivery(first, DeliveryEventType.OPENED));
            awaitRequest(requests, journeyId, patientId, "y");
        }
        Map<String, Object> done = awaitStatus(journeyId, patientId, "COMPLETED");
        List<Object> outcomes = history(journeyId, done.get("id")).stream().map(s -> s.get("outcome")).toList();
        assertEquals(List.of("EMAIL_REQUESTED", "WAIT_STARTED", "WAIT_ENDED", "EMAIL_REQUESTED", "COMPLETED"), outcomes);
        asMarketer().when().get("/api/journeys/" + journeyId + "/stats").then().statusCode(200)
                .body("entered", equalTo(1)).body("completed", equalTo(1)).body("emailsOpened", equalTo(1))
                .body("steps.find { it.nodeId == 'b' }.entered", equalTo(1))
                .body("steps.find { it.nodeId == 'b' }.passed", equalTo(1))
                .body("steps.find { it.nodeId == 'n' }.entered", equalTo(0))
                .body("steps.find { it.nodeId == 'x' }.completed", equalTo(1));
    }

    @Test
    void aLoopThroughAWaitAsksAgainUnderANewRequestIdOnEachVisit() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                send("n1", YES_EMAIL, "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1S", "next", "n3"),
                Map.of("id", "n3", "type", "BRANCH_INTERACTION", "interaction", "EMAIL_OPENED", "stepId", "n1",
                        "within", "PT1S", "yes", "x", "no", "n1"),
                exit("x"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            EmailSendRequested first = awaitRequest(requests, journeyId, patientId, "n1");
            EmailSendRequested second = (EmailSendRequested) requests.await(r -> isRequest(r, journeyId, patientId, "n1")
                    && !((EmailSendRequested) r.value()).getRequestId().equals(first.getRequestId()), TIMEOUT).value();
            UUID instanceId = UUID.fromString(first.getInstanceId());
            assertEquals(JourneyExecutor.requestId(instanceId, "n1").toString(), first.getRequestId());
            assertEquals(JourneyExecutor.requestId(instanceId, "n1", 2).toString(), second.getRequestId());
            // An open of any visit's email ends the loop at the next branch.
            kafka.send("emails.delivery-events", patientId, delivery(second, DeliveryEventType.OPENED));
        }
        awaitStatus(journeyId, patientId, "COMPLETED");
    }

    @Test
    void noInteractionByTheLimitTakesTheNoPath() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(definition(triggerEntry(triggerId), List.of(
                send("n1", UUID.randomUUID(), "b"),
                Map.of("id", "b", "type", "BRANCH_INTERACTION", "interaction", "EMAIL_CLICKED", "stepId", "n1",
                        "within", "PT2S", "yes", "y", "no", "n"),
                send("y", YES_EMAIL, "x"), send("n", NO_EMAIL, "x"), exit("x"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            EmailSendRequested first = awaitRequest(requests, journeyId, patientId, "n1");
            // Opened but not clicked: not what the branch waits for.
            kafka.send("emails.delivery-events", patientId, delivery(first, DeliveryEventType.OPENED));
            awaitRequest(requests, journeyId, patientId, "n");
            assertTrue(requests.drain(Duration.ofSeconds(1)).stream()
                    .noneMatch(r -> isRequest(r, journeyId, patientId, "y")));
        }
        Map<String, Object> done = awaitStatus(journeyId, patientId, "COMPLETED");
        assertTrue(history(journeyId, done.get("id")).stream()
                .anyMatch(s -> "WAIT_ENDED".equals(s.get("outcome")) && "no: no EMAIL_CLICKED by the deadline"
                        .equals(s.get("detail"))));
    }

    @Test
    void registrationForTheEventTakesTheYesPathOfAnEventBranch() {
        UUID triggerId = UUID.randomUUID();
        UUID eventId = publishEvent(kafka, EventStatus.PUBLISHED);
        String patientId = patientId();
        UUID journeyId = createLive(definition(triggerEntry(triggerId), branchThenSend(Map.of("id", "n1", "type",
                "BRANCH_INTERACTION", "interaction", "EVENT_REGISTERED", "eventId", eventId.toString(),
                "within", "PT10M", "yes", "y", "no", "n"))));

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
            awaitStatus(journeyId, patientId, "WAITING");
            kafka.send("events.registrations", patientId, EventRegistrationChanged.newBuilder()
                    .setChangeId(UUID.randomUUID().toString()).setRegistrationId(UUID.randomUUID().toString())
                    .setEventId(eventId.toString()).setPatientId(patientId).setStatus(RegistrationStatus.REGISTERED)
                    .setAt(Instant.now()).build());
            awaitRequest(requests, journeyId, patientId, "y");
        }
    }
}
