package org.patientoutreach.journeys.journey;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.SEGMENT_CATALOG;
import static org.patientoutreach.journeys.Fixtures.asMarketer;
import static org.patientoutreach.journeys.Fixtures.awaitCatalog;
import static org.patientoutreach.journeys.Fixtures.create;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.publishEmail;
import static org.patientoutreach.journeys.Fixtures.publishSegment;
import static org.patientoutreach.journeys.Fixtures.publishTrigger;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;
import static org.patientoutreach.journeys.Fixtures.with;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EmailStatus;
import org.patientoutreach.schemas.SegmentCatalogEntry;
import org.patientoutreach.schemas.SegmentStatus;
import org.patientoutreach.schemas.TriggerStatus;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Go-live against the catalogs of segments.catalog, triggers.catalog and emails.catalog: each reference that is
 * unknown or not LIVE, ACTIVE or READY is a 409 problem naming its field, and the journey stays a DRAFT.
 */
@QuarkusTest
class GoLiveChecksTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    private static ValidatableResponse goLive(UUID journeyId) {
        return asMarketer().when().post("/api/journeys/" + journeyId + "/activate").then();
    }

    private static void assertStillDraft(UUID journeyId) {
        asMarketer().when().get("/api/journeys/" + journeyId).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    private static UUID ready(EmailStatus status) {
        UUID emailId = UUID.randomUUID();
        publishEmail(emailId, status);
        return emailId;
    }

    private static UUID segment(SegmentStatus status) {
        UUID segmentId = UUID.randomUUID();
        publishSegment(segmentId, status);
        return segmentId;
    }

    private static UUID trigger(TriggerStatus status) {
        UUID triggerId = UUID.randomUUID();
        publishTrigger(triggerId, status);
        return triggerId;
    }

    @Test
    void aJourneyWhoseSegmentsAreLiveTriggersActiveAndEmailsReadyGoesLive() {
        UUID entry = segment(SegmentStatus.LIVE);
        UUID exclusion = segment(SegmentStatus.LIVE);
        UUID branch = segment(SegmentStatus.LIVE);
        UUID exitTrigger = trigger(TriggerStatus.ACTIVE);
        UUID journeyId = create(with(definition(segmentEntry(entry), List.of(
                Map.of("id", "n1", "type", "BRANCH_ATTRIBUTE", "segmentId", branch.toString(), "yes", "n2", "no", "x"),
                Map.of("id", "n2", "type", "SEND_EMAIL", "emailId", ready(EmailStatus.READY).toString(), "next", "x"),
                Map.of("id", "x", "type", "EXIT"))),
                Map.of("settings", Map.of("exclusionSegmentId", exclusion.toString(),
                        "exitTriggerId", exitTrigger.toString()))));

        goLive(journeyId).statusCode(200).body("status", equalTo("LIVE"));
    }

    @Test
    void unknownSegmentTriggerAndEmailAreRefusedNamingEachField() {
        UUID journeyId = create(with(definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("id", "n1", "type", "BRANCH_ATTRIBUTE", "segmentId", UUID.randomUUID().toString(),
                        "yes", "n2", "no", "x"),
                Map.of("id", "n2", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "x"),
                Map.of("id", "x", "type", "EXIT"))),
                Map.of("settings", Map.of("exclusionSegmentId", UUID.randomUUID().toString(),
                        "exitTriggerId", UUID.randomUUID().toString()))));

        goLive(journeyId).statusCode(409).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("entry.segmentId", "settings.exclusionSegmentId",
                        "settings.exitTriggerId", "nodes[0].segmentId", "nodes[1].emailId")))
                .body("errors.message", equalTo(List.of("names no segment in the catalog",
                        "names no segment in the catalog", "names no trigger in the catalog",
                        "names no segment in the catalog", "names no email in the catalog")));
        assertStillDraft(journeyId);
    }

    @Test
    void segmentsThatAreNotLiveAreRefused() {
        UUID journeyId = create(with(definition(segmentEntry(segment(SegmentStatus.PAUSED)), List.of(
                Map.of("id", "n1", "type", "BRANCH_ATTRIBUTE", "segmentId", segment(SegmentStatus.ARCHIVED).toString(),
                        "yes", "n2", "no", "x"),
                Map.of("id", "n2", "type", "SEND_EMAIL", "emailId", ready(EmailStatus.READY).toString(), "next", "x"),
                Map.of("id", "x", "type", "EXIT"))),
                Map.of("settings", Map.of("exclusionSegmentId", segment(SegmentStatus.DRAFT).toString()))));

        goLive(journeyId).statusCode(409).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("entry.segmentId", "settings.exclusionSegmentId",
                        "nodes[0].segmentId")))
                .body("errors.message", equalTo(List.of("segment is PAUSED, not LIVE", "segment is DRAFT, not LIVE",
                        "segment is ARCHIVED, not LIVE")));
        assertStillDraft(journeyId);
    }

    @Test
    void triggersThatAreNotActiveAreRefused() {
        UUID journeyId = create(with(sendAndExit(triggerEntry(trigger(TriggerStatus.INACTIVE)),
                ready(EmailStatus.READY)),
                Map.of("settings", Map.of("exitTriggerId", trigger(TriggerStatus.DRAFT).toString()))));

        goLive(journeyId).statusCode(409).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("entry.triggerId", "settings.exitTriggerId")))
                .body("errors.message", equalTo(List.of("trigger is INACTIVE, not ACTIVE",
                        "trigger is DRAFT, not ACTIVE")));
        assertStillDraft(journeyId);
    }

    @Test
    void anEmailThatIsNotReadyIsRefusedOnSendAndInviteNodes() {
        UUID draft = ready(EmailStatus.DRAFT);
        UUID journeyId = create(definition(triggerEntry(trigger(TriggerStatus.ACTIVE)), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", draft.toString(), "next", "n2"),
                Map.of("id", "n2", "type", "INVITE_TO_EVENT", "emailId", draft.toString(),
                        "eventId", UUID.randomUUID().toString(), "next", "x"),
                Map.of("id", "x", "type", "EXIT"))));

        goLive(journeyId).statusCode(409).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[0].emailId", "nodes[1].emailId", "nodes[1].eventId")))
                .body("errors.message", equalTo(List.of("email is DRAFT, not READY", "email is DRAFT, not READY",
                        "names no event in the catalog")));
        assertStillDraft(journeyId);
    }

    @Test
    void aRefusedJourneyGoesLiveOnceTheCatalogSaysTheEmailIsReady() {
        UUID emailId = ready(EmailStatus.DRAFT);
        UUID journeyId = create(sendAndExit(triggerEntry(trigger(TriggerStatus.ACTIVE)), emailId));
        goLive(journeyId).statusCode(409).body("errors.field", equalTo(List.of("nodes[0].emailId")));

        publishEmail(emailId, EmailStatus.READY);

        goLive(journeyId).statusCode(200).body("status", equalTo("LIVE"));
    }

    @Test
    void anOlderCatalogEntryArrivingLateDoesNotTakeTheStatusBack() {
        UUID segmentId = UUID.randomUUID();
        // the newer state first (as when a replica's start-up republish is relayed after a change), then an older one
        publishSegment(segmentId, SegmentStatus.LIVE);
        kafka.send(SEGMENT_CATALOG, segmentId.toString(), SegmentCatalogEntry.newBuilder()
                .setSegmentId(segmentId.toString()).setName("segment").setStatus(SegmentStatus.PAUSED)
                .setUpdatedAt(Instant.now().minus(Duration.ofMinutes(5))).build());
        // Under the same key, so on the same partition after the stale entry: once it is projected, so is the stale one.
        UUID marker = UUID.randomUUID();
        kafka.send(SEGMENT_CATALOG, segmentId.toString(), SegmentCatalogEntry.newBuilder()
                .setSegmentId(marker.toString()).setName("marker").setStatus(SegmentStatus.LIVE)
                .setUpdatedAt(Instant.now()).build());
        awaitCatalog("segment_catalog", "segment_id", marker, "LIVE");

        UUID journeyId = create(sendAndExit(segmentEntry(segmentId), ready(EmailStatus.READY)));
        goLive(journeyId).statusCode(200).body("status", equalTo("LIVE"));
    }

    @Test
    void aCatalogEntryWithAnInvalidIdLandsInTheDeadLetterTopicWithTheFieldAsReason() {
        String key = "segment-" + UUID.randomUUID();
        try (var dlq = kafka.subscribe(SEGMENT_CATALOG + ".dlq")) {
            kafka.send(SEGMENT_CATALOG, key, SegmentCatalogEntry.newBuilder().setSegmentId(key).setName("bad")
                    .setStatus(SegmentStatus.LIVE).setUpdatedAt(Instant.now()).build());

            ConsumerRecord<String, Object> dead = dlq.await(r -> key.equals(r.key()), TIMEOUT);
            Header reason = dead.headers().lastHeader("dead-letter-reason");
            assertNotNull(reason, "the reason travels in a header");
            assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("segmentId is not a UUID"));
        }
    }
}
