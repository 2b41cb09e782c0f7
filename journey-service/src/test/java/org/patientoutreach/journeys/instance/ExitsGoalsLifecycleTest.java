package org.patientoutreach.journeys.instance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.MEMBERSHIP;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.activate;
import static org.patientoutreach.journeys.Fixtures.asMarketer;
import static org.patientoutreach.journeys.Fixtures.awaitStatus;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.history;
import static org.patientoutreach.journeys.Fixtures.instances;
import static org.patientoutreach.journeys.Fixtures.isRequest;
import static org.patientoutreach.journeys.Fixtures.membership;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.publishEvent;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;
import static org.patientoutreach.journeys.Fixtures.with;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.schemas.EventStatus;
import org.patientoutreach.schemas.JourneyInstanceEnded;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.RegistrationStatus;
import org.patientoutreach.testing.KafkaTestClient;

/** How instances leave a journey early (exit conditions, goal, stop) and how journeys change (revisions). */
@QuarkusTest
class ExitsGoalsLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final String INSTANCE_ENDED = "journeys.instance-ended";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    /** Sends, waits an hour, sends again: an instance sits WAITING at n2 while a test acts on it. */
    private static Map<String, Object> sendWaitSend(Map<String, Object> entry) {
        return definition(entry, List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1H", "next", "n3"),
                Map.of("id", "n3", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n4"),
                Map.of("id", "n4", "type", "EXIT")));
    }

    private static Map<String, Object> lastStep(UUID journeyId, Object instanceId) {
        List<Map<String, Object>> steps = history(journeyId, instanceId);
        return steps.get(steps.size() - 1);
    }

    @Test
    void patientsLeavingTheSegmentTogetherEachExitOnceAndOthersStay() {
        UUID segmentId = UUID.randomUUID();
        List<String> leaving = List.of(patientId(), patientId(), patientId(), patientId(), patientId(), patientId());
        String staying = patientId();
        UUID exits = createLive(with(sendWaitSend(segmentEntry(segmentId)), Map.of("settings",
                Map.of("exitOnSegmentExit", true))));
        for (String patientId : concat(leaving, staying)) {
            kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));
        }
        concat(leaving, staying).forEach(patientId -> awaitStatus(exits, patientId, "WAITING"));

        try (var ends = kafka.subscribe(INSTANCE_ENDED)) {
            // One after the other, as a segment's evaluation publishes them: the consumer takes them a poll at a time.
            leaving.forEach(patientId -> kafka.send(MEMBERSHIP, patientId,
                    membership(segmentId, patientId, MembershipChange.EXITED)));
            for (String patientId : leaving) {
                Map<String, Object> exited = awaitStatus(exits, patientId, "EXITED");
                assertEquals("SEGMENT_EXIT", lastStep(exits, exited.get("id")).get("detail"));
                ends.await(r -> patientId.equals(r.key()), TIMEOUT);
            }
            var told = ends.drain(QUIET);
            for (String patientId : leaving) {
                assertEquals(1, told.stream().filter(r -> patientId.equals(r.key())).count(),
                        "one announcement per instance that left");
            }
            assertEquals(0, told.stream().filter(r -> staying.equals(r.key())).count());
        }
        assertEquals("WAITING", instances(exits, staying).get(0).get("status"), "a member who stays runs on");
    }

    private static List<String> concat(List<String> some, String one) {
        return Stream.concat(some.stream(), Stream.of(one)).toList();
    }

    @Test
    void leavingTheSegmentExitsTheInstanceWhenTheJourneySaysSo() {
        UUID segmentId = UUID.randomUUID();
        String leaves = patientId();
        UUID exits = createLive(with(sendWaitSend(segmentEntry(segmentId)), Map.of("settings",
                Map.of("exitOnSegmentExit", true))));
        UUID staysOn = createLive(sendWaitSend(segmentEntry(segmentId)));
        kafka.send(MEMBERSHIP, leaves, membership(segmentId, leaves, MembershipChange.ENTERED));
        awaitStatus(exits, leaves, "WAITING");
        awaitStatus(staysOn, leaves, "WAITING");

        Map<String, Object> exited;
        try (var ends = kafka.subscribe(INSTANCE_ENDED)) {
            kafka.send(MEMBERSHIP, leaves, membership(segmentId, leaves, MembershipChange.EXITED));
            exited = awaitStatus(exits, leaves, "EXITED");
            // email-service withdraws what the instance asked for and still waits: it learns of the exit from this.
            JourneyInstanceEnded told = (JourneyInstanceEnded) ends.await(r -> leaves.equals(r.key()), TIMEOUT).value();
            assertEquals(exited.get("id").toString(), told.getInstanceId());
            assertEquals(exits.toString(), told.getJourneyId());
            assertEquals("SEGMENT_EXIT", told.getReason());
            assertEquals(1, ends.drain(QUIET).stream().filter(r -> leaves.equals(r.key())).count(),
                    "one announcement, and none for the journey the patient stays on");
        }
        assertEquals("n2", exited.get("currentNodeId"));
        assertEquals("SEGMENT_EXIT", lastStep(exits, exited.get("id")).get("detail"));
        assertEquals("EXITED", lastStep(exits, exited.get("id")).get("outcome"));
        assertEquals("WAITING", instances(staysOn, leaves).get(0).get("status"), "the other journey runs to its end");
        asMarketer().when().get("/api/journeys/" + exits + "/stats").then().statusCode(200)
                .body("exited", equalTo(1)).body("inProgress", equalTo(0))
                .body("steps.find { it.nodeId == 'n2' }.exited", equalTo(1));
    }

    @Test
    void theExitTriggerFiringForThePatientExitsTheInstance() {
        UUID entryTrigger = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(with(sendWaitSend(triggerEntry(entryTrigger)), Map.of("settings",
                Map.of("exitTriggerId", cancelled.toString()))));
        kafka.send(FIRINGS, patientId, firing(entryTrigger, patientId, Map.of()));
        awaitStatus(journeyId, patientId, "WAITING");

        kafka.send(FIRINGS, patientId, firing(cancelled, patientId, Map.of()));
        Map<String, Object> exited = awaitStatus(journeyId, patientId, "EXITED");
        assertEquals("EXIT_TRIGGER", lastStep(journeyId, exited.get("id")).get("detail"));
    }

    @Test
    void anExitFiringRightBehindTheEntryFiringStillExitsTheNewInstance() {
        UUID entryTrigger = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(with(sendWaitSend(triggerEntry(entryTrigger)), Map.of("settings",
                Map.of("exitTriggerId", cancelled.toString()))));

        // Back to back, so that the consumer usually takes both in one poll: the exit must still come second.
        kafka.send(FIRINGS, patientId, firing(entryTrigger, patientId, Map.of()));
        kafka.send(FIRINGS, patientId, firing(cancelled, patientId, Map.of()));

        Map<String, Object> exited = awaitStatus(journeyId, patientId, "EXITED");
        assertEquals("EXIT_TRIGGER", lastStep(journeyId, exited.get("id")).get("detail"));
    }

    @Test
    void registeringForTheGoalEventCompletesTheInstanceAsGoalReached() {
        UUID triggerId = UUID.randomUUID();
        UUID eventId = publishEvent(kafka, EventStatus.PUBLISHED);
        String patientId = patientId();
        UUID journeyId = createLive(with(sendWaitSend(triggerEntry(triggerId)), Map.of("settings",
                Map.of("goal", Map.of("interaction", "EVENT_REGISTERED", "eventId", eventId.toString())))));
        kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
        awaitStatus(journeyId, patientId, "WAITING");

        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send("events.registrations", patientId, EventRegistrationChanged.newBuilder()
                    .setChangeId(UUID.randomUUID().toString()).setRegistrationId(UUID.randomUUID().toString())
                    .setEventId(eventId.toString()).setPatientId(patientId).setStatus(RegistrationStatus.REGISTERED)
                    .setAt(Instant.now()).build());
            Map<String, Object> done = awaitStatus(journeyId, patientId, "COMPLETED");
            assertNotNull(done.get("goalReachedAt"));
            assertEquals("GOAL_REACHED", lastStep(journeyId, done.get("id")).get("outcome"));
            assertTrue(requests.drain(QUIET).stream().noneMatch(r -> isRequest(r, journeyId, patientId)),
                    "the rest of the journey is not sent");
        }
        asMarketer().when().get("/api/journeys/" + journeyId + "/stats").then().statusCode(200)
                .body("goalReached", equalTo(1)).body("steps.find { it.nodeId == 'n2' }.goalReached", equalTo(1));
    }

    @Test
    void stoppingAJourneyExitsItsRunningInstancesForGood() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendWaitSend(triggerEntry(triggerId)));
        kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
        awaitStatus(journeyId, patientId, "WAITING");

        try (var ends = kafka.subscribe(INSTANCE_ENDED)) {
            asMarketer().when().post("/api/journeys/" + journeyId + "/stop")
                    .then().statusCode(200).body("status", equalTo("STOPPED"));
            Map<String, Object> exited = awaitStatus(journeyId, patientId, "EXITED");
            assertEquals("JOURNEY_STOPPED", lastStep(journeyId, exited.get("id")).get("detail"));
            JourneyInstanceEnded told = (JourneyInstanceEnded) ends.await(r -> patientId.equals(r.key()), TIMEOUT)
                    .value();
            assertEquals(exited.get("id").toString(), told.getInstanceId());
            assertEquals("JOURNEY_STOPPED", told.getReason());
        }
        asMarketer().when().post("/api/journeys/" + journeyId + "/activate").then().statusCode(409);
        asMarketer().when().post("/api/journeys/" + journeyId + "/stop").then().statusCode(409);
    }

    @Test
    void aLiveRevisionIsImmutableAndANewRevisionTakesNewEntrantsWhileTheOldFinishes() {
        UUID triggerId = UUID.randomUUID();
        String before = patientId();
        String after = patientId();
        Map<String, Object> definition = sendWaitSend(triggerEntry(triggerId));
        UUID v1 = createLive(definition);
        kafka.send(FIRINGS, before, firing(triggerId, before, Map.of()));
        awaitStatus(v1, before, "WAITING");

        Map<String, Object> edit = new HashMap<>(definition);
        edit.put("version", 1);
        asMarketer().contentType(ContentType.JSON).body(edit).when().put("/api/journeys/" + v1)
                .then().statusCode(409);

        String location = asMarketer().when().post("/api/journeys/" + v1 + "/revisions")
                .then().statusCode(201).body("revision", equalTo(2)).body("lineageId", equalTo(v1.toString()))
                .body("status", equalTo("DRAFT")).extract().header("Location");
        UUID v2 = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        edit.put("name", "second revision");
        edit.put("version", 0);
        asMarketer().contentType(ContentType.JSON).body(edit).when().put("/api/journeys/" + v2)
                .then().statusCode(200).body("name", equalTo("second revision"));
        activate(v2);
        asMarketer().when().get("/api/journeys/" + v1).then().statusCode(200)
                .body("status", equalTo("LIVE")).body("supersededAt", notNullValue());

        kafka.send(FIRINGS, after, firing(triggerId, after, Map.of()));
        awaitStatus(v2, after, "WAITING");
        assertTrue(instances(v1, after).isEmpty(), "the superseded revision takes no new entrants");
        assertEquals("WAITING", instances(v1, before).get(0).get("status"), "its running instances carry on");
    }
}
