package org.patientoutreach.journeys.instance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.MEMBERSHIP;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
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
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;
import static org.patientoutreach.journeys.Fixtures.with;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.journeys.segment.SegmentMembers;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.KafkaTestClient;

/** Who enters a journey: start types, trigger conditions, dates, exclusion and re-entry. */
@QuarkusTest
class EntryRulesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    SegmentMembers members;

    private static Map<String, Object> waitForAnHour(Map<String, Object> entry) {
        return definition(entry, List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1H", "next", "n3"),
                Map.of("id", "n3", "type", "EXIT")));
    }

    private void enter(UUID segmentId, String patientId) {
        kafka.send(MEMBERSHIP, patientId, membership(segmentId, patientId, MembershipChange.ENTERED));
        await().atMost(TIMEOUT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> members.isMember(segmentId, patientId)));
    }

    @Test
    void oneTimeSegmentJourneyTakesTheMembersAtGoLiveAndNobodyLater() {
        UUID segmentId = UUID.randomUUID();
        String early = patientId();
        String late = patientId();
        enter(segmentId, early);
        Map<String, Object> entry = Map.of("type", "SEGMENT", "segmentId", segmentId.toString(), "mode", "ONE_TIME");
        UUID journeyId = createLive(sendAndExit(entry, UUID.randomUUID()));
        awaitStatus(journeyId, early, "COMPLETED");

        try (var requests = kafka.subscribe(REQUESTS)) {
            enter(segmentId, late);
            assertTrue(requests.drain(QUIET).stream().noneMatch(r -> isRequest(r, journeyId, late)));
        }
        assertTrue(instances(journeyId, late).isEmpty());
    }

    @Test
    void ongoingSegmentJourneyAlsoTakesLaterEntrants() {
        UUID segmentId = UUID.randomUUID();
        String early = patientId();
        String late = patientId();
        enter(segmentId, early);
        UUID journeyId = createLive(sendAndExit(segmentEntry(segmentId), UUID.randomUUID()));
        awaitStatus(journeyId, early, "COMPLETED");
        enter(segmentId, late);
        awaitStatus(journeyId, late, "COMPLETED");
    }

    @Test
    void triggerJourneyTakesOnlyFiringsThatMeetItsAttributeConditions() {
        UUID triggerId = UUID.randomUUID();
        String other = patientId();
        String matching = patientId();
        Map<String, Object> entry = Map.of("type", "TRIGGER", "triggerId", triggerId.toString(),
                "conditions", Map.of("appointmentType", "eye-exam"));
        UUID journeyId = createLive(sendAndExit(entry, UUID.randomUUID()));

        TriggerFired dental = firing(triggerId, other, Map.of("appointmentType", "dental"));
        try (var requests = kafka.subscribe(REQUESTS)) {
            kafka.send(FIRINGS, other, dental);
            kafka.send(FIRINGS, matching, firing(triggerId, matching, Map.of("appointmentType", "eye-exam")));
            requests.await(r -> isRequest(r, journeyId, matching), TIMEOUT);
        }
        await().atMost(TIMEOUT).until(() -> consumed(dental));
        assertTrue(instances(journeyId, other).isEmpty(), "a firing that fails a condition starts nothing");
    }

    @Test
    void membersOfTheExclusionSegmentNeverEnterAndLeaveWhenTheyJoinIt() {
        UUID segmentId = UUID.randomUUID();
        UUID excluded = UUID.randomUUID();
        String kept = patientId();
        String out = patientId();
        String later = patientId();
        enter(excluded, out);
        enter(segmentId, out);
        enter(segmentId, kept);
        UUID journeyId = createLive(with(waitForAnHour(segmentEntry(segmentId)),
                Map.of("settings", Map.of("exclusionSegmentId", excluded.toString()))));
        awaitStatus(journeyId, kept, "WAITING");
        assertTrue(instances(journeyId, out).isEmpty());

        enter(segmentId, later);
        awaitStatus(journeyId, later, "WAITING");
        enter(excluded, later);
        Map<String, Object> left = awaitStatus(journeyId, later, "EXITED");
        List<Map<String, Object>> steps = history(journeyId, left.get("id"));
        assertEquals("EXCLUDED", steps.get(steps.size() - 1).get("detail"));
        assertEquals("WAITING", instances(journeyId, kept).get(0).get("status"));
    }

    @Test
    void reentryAfterDaysLetsAPatientBackOnlyOnceThatManyDaysPassed() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(with(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()),
                Map.of("reentry", "AFTER", "reentryAfterDays", 30)));

        TriggerFired first = firing(triggerId, patientId, Map.of());
        TriggerFired tooSoon = firing(triggerId, patientId, Map.of());
        kafka.send(FIRINGS, patientId, first);
        kafka.send(FIRINGS, patientId, tooSoon);
        awaitStatus(journeyId, patientId, "COMPLETED");
        await().atMost(TIMEOUT).until(() -> consumed(tooSoon));
        assertEquals(1, instances(journeyId, patientId).size(), "the second firing came too soon");

        // 31 days pass since this patient's first run.
        QuarkusTransaction.requiringNew().run(() -> JourneyInstance.update(
                "startedAt = ?1 where journeyId = ?2 and patientId = ?3",
                Instant.now().minus(Duration.ofDays(31)), journeyId, patientId));
        kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
        await().atMost(TIMEOUT).until(() -> instances(journeyId, patientId).size() == 2);
    }

    @Test
    void entriesBeforeTheStartDateAreIgnoredAndTheJourneyCompletesAtItsEndDate() {
        UUID triggerId = UUID.randomUUID();
        String early = patientId();
        Instant end = Instant.now().plusSeconds(4);
        UUID notYet = createLive(with(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()),
                Map.of("settings", Map.of("startAt", Instant.now().plus(Duration.ofDays(1)).toString()))));
        UUID ending = createLive(with(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()),
                Map.of("settings", Map.of("endAt", end.toString()))));

        kafka.send(FIRINGS, early, firing(triggerId, early, Map.of()));
        awaitStatus(ending, early, "COMPLETED");
        assertTrue(instances(notYet, early).isEmpty(), "before its start date a journey takes no one");

        await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(asMarketer().when().get("/api/journeys/" + ending)
                .then().statusCode(200).extract().path("status")));
        String late = patientId();
        TriggerFired afterEnd = firing(triggerId, late, Map.of());
        kafka.send(FIRINGS, late, afterEnd);
        await().atMost(TIMEOUT).until(() -> consumed(afterEnd));
        assertTrue(instances(ending, late).isEmpty(), "after its end date a journey takes no one");
        asMarketer().when().post("/api/journeys/" + ending + "/activate").then().statusCode(409);
    }

    /** Whether journey-service has consumed the firing: its inbox records every firing id it processed. */
    private static boolean consumed(TriggerFired firing) {
        return QuarkusTransaction.requiringNew().call(() -> !JourneyInstance.getEntityManager().createNativeQuery(
                "SELECT 1 FROM inbox_message WHERE consumer = 'trigger-firings' AND message_id = :id")
                .setParameter("id", firing.getFiringId()).getResultList().isEmpty());
    }
}
