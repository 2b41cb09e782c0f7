package org.patientoutreach.journeys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailCatalogEntry;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.EmailStatus;
import org.patientoutreach.schemas.EventCatalogEntry;
import org.patientoutreach.schemas.EventStatus;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentCatalogEntry;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.schemas.SegmentStatus;
import org.patientoutreach.schemas.TriggerCatalogEntry;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.schemas.TriggerStatus;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;

/** Journeys through the REST API and records as the other services publish them; every id is fresh. */
public final class Fixtures {

    public static final String MEMBERSHIP = "segments.membership-changed";
    public static final String FIRINGS = "triggers.fired";
    public static final String REQUESTS = "emails.send-requested";
    public static final String SEGMENT_CATALOG = "segments.catalog";
    public static final String EMAIL_CATALOG = "emails.catalog";
    public static final String TRIGGER_CATALOG = "triggers.catalog";

    /** Publishes catalog entries for {@link #activate}; opened on first use, closed when the test JVM ends. */

    private Fixtures() {
    }

    /** A request carrying a fresh token of {@code role}, as a front end sends it for a signed-in user. */
    public static RequestSpecification as(String role) {
        return given().auth().oauth2(DevTokens.forRole(role));
    }

    /** Marketers build and run journeys: the role behind most calls in these tests. */
    public static RequestSpecification asMarketer() {
        return as(Roles.MARKETER);
    }

    public static String patientId() {
        return "patient-" + UUID.randomUUID();
    }

    public static Map<String, Object> sendAndExit(Map<String, Object> entry, UUID emailId) {
        return definition(entry, List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", emailId.toString(), "next", "n2"),
                Map.of("id", "n2", "type", "EXIT")));
    }

    public static Map<String, Object> definition(Map<String, Object> entry, List<Map<String, Object>> nodes) {
        return Map.of("name", "journey " + UUID.randomUUID(), "entry", entry, "startNodeId", "n1", "nodes", nodes);
    }

    public static Map<String, Object> segmentEntry(UUID segmentId) {
        return Map.of("type", "SEGMENT", "segmentId", segmentId.toString());
    }

    public static Map<String, Object> triggerEntry(UUID triggerId) {
        return Map.of("type", "TRIGGER", "triggerId", triggerId.toString());
    }

    public static UUID create(Map<String, Object> definition) {
        String id = asMarketer().contentType(ContentType.JSON).body(definition)
                .when().post("/api/journeys")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /**
     * Takes the journey live, as a marketer does once its segments are LIVE, its triggers ACTIVE and its emails READY:
     * first publishes each of those the catalogs do not know yet ({@link #publishReferences}).
     */
    public static void activate(UUID journeyId) {
        publishReferences(journeyId);
        asMarketer().when().post("/api/journeys/" + journeyId + "/activate").then().statusCode(200);
    }

    /**
     * Publishes every segment (entry, exclusion, membership branch), trigger (entry, exit) and email the journey names,
     * and that journey-service's catalogs do not know yet, as LIVE, ACTIVE and READY on segments.catalog,
     * triggers.catalog and emails.catalog, as segments-, trigger- and email-service would, and waits until the
     * projections have them. What a test already published (a DRAFT email, a PAUSED segment) is left as it is.
     */
    public static void publishReferences(UUID journeyId) {
        JsonPath journey = asMarketer().when().get("/api/journeys/" + journeyId)
                .then().statusCode(200).extract().jsonPath();
        for (String segmentId : ids(journey, "entry.segmentId", "settings.exclusionSegmentId", "nodes.segmentId")) {
            if (catalogStatus("segment_catalog", "segment_id", UUID.fromString(segmentId)) == null) {
                publishSegment(UUID.fromString(segmentId), SegmentStatus.LIVE);
            }
        }
        for (String triggerId : ids(journey, "entry.triggerId", "settings.exitTriggerId")) {
            if (catalogStatus("trigger_catalog", "trigger_id", UUID.fromString(triggerId)) == null) {
                publishTrigger(UUID.fromString(triggerId), TriggerStatus.ACTIVE);
            }
        }
        for (String emailId : ids(journey, "nodes.emailId")) {
            if (catalogStatus("email_catalog", "email_id", UUID.fromString(emailId)) == null) {
                publishEmail(UUID.fromString(emailId), EmailStatus.READY);
            }
        }
    }

    /** Publishes a segment's status to segments.catalog as segments-service would; returns once the projection has it. */
    public static void publishSegment(UUID segmentId, SegmentStatus status) {
        KafkaTestClient.shared().send(SEGMENT_CATALOG, segmentId.toString(), SegmentCatalogEntry.newBuilder()
                .setSegmentId(segmentId.toString()).setName("segment " + segmentId).setStatus(status)
                .setUpdatedAt(Instant.now()).build());
        awaitCatalog("segment_catalog", "segment_id", segmentId, status.name());
    }

    /** Publishes a trigger's status to triggers.catalog as trigger-service would; returns once the projection has it. */
    public static void publishTrigger(UUID triggerId, TriggerStatus status) {
        KafkaTestClient.shared().send(TRIGGER_CATALOG, triggerId.toString(), TriggerCatalogEntry.newBuilder()
                .setTriggerId(triggerId.toString()).setName("trigger " + triggerId).setStatus(status)
                .setUpdatedAt(Instant.now()).build());
        awaitCatalog("trigger_catalog", "trigger_id", triggerId, status.name());
    }

    /** Publishes an email's status to emails.catalog as email-service would; returns once the projection has it. */
    public static void publishEmail(UUID emailId, EmailStatus status) {
        KafkaTestClient.shared().send(EMAIL_CATALOG, emailId.toString(), EmailCatalogEntry.newBuilder()
                .setEmailId(emailId.toString()).setName("email " + emailId).setStatus(status)
                .setUpdatedAt(Instant.now()).build());
        awaitCatalog("email_catalog", "email_id", emailId, status.name());
    }

    /** The distinct non-null ids at these paths of the journey's JSON (a path through a list yields each item's). */
    private static List<String> ids(JsonPath journey, String... paths) {
        return java.util.Arrays.stream(paths)
                .flatMap(path -> {
                    Object value = journey.get(path);
                    return value instanceof List<?> list ? list.stream() : java.util.stream.Stream.of(value);
                })
                .filter(java.util.Objects::nonNull).map(Object::toString).distinct().toList();
    }

    /** Waits until the projection table holds this status for the id; fails after 30 s. */
    public static void awaitCatalog(String table, String idColumn, UUID id, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(catalogStatus(table, idColumn, id)));
    }

    private static String catalogStatus(String table, String idColumn, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = Panache.getEntityManager()
                    .createNativeQuery("SELECT status FROM " + table + " WHERE " + idColumn + " = :id")
                    .setParameter("id", id).getResultList();
            return rows.isEmpty() ? null : (String) rows.get(0);
        });
    }

    public static UUID createLive(Map<String, Object> definition) {
        UUID id = create(definition);
        activate(id);
        return id;
    }

    /** The patient's instances of the journey, as the API lists them. */
    public static List<Map<String, Object>> instances(UUID journeyId, String patientId) {
        JsonPath page = asMarketer().queryParam("patientId", patientId)
                .when().get("/api/journeys/" + journeyId + "/instances")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    public static SegmentMembershipChanged membership(UUID segmentId, String patientId, MembershipChange change) {
        return SegmentMembershipChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSegmentId(segmentId.toString())
                .setPatientId(patientId)
                .setChange(change)
                .setEvaluationId(UUID.randomUUID().toString())
                .setAt(Instant.now())
                .build();
    }

    public static TriggerFired firing(UUID triggerId, String patientId, Map<String, String> attributes) {
        return TriggerFired.newBuilder()
                .setFiringId(UUID.randomUUID().toString())
                .setTriggerId(triggerId.toString())
                .setPatientId(patientId)
                .setInteractionId(UUID.randomUUID().toString())
                .setInteractionType("CHECKED_IN")
                .setOccurredAt(Instant.now())
                .setAttributes(attributes)
                .build();
    }

    /** Publishes an event to events.catalog as events-service would, and waits until the projection has it. */
    public static UUID publishEvent(KafkaTestClient kafka, EventStatus status) {
        UUID eventId = UUID.randomUUID();
        Instant startsAt = Instant.now().plus(Duration.ofDays(14));
        kafka.send("events.catalog", eventId.toString(), EventCatalogEntry.newBuilder()
                .setEventId(eventId.toString()).setTitle("Eye-care open day").setStatus(status)
                .setStartsAt(startsAt).setEndsAt(startsAt.plus(Duration.ofHours(2))).setTimezone("Europe/Paris")
                .setRegistrationUrl("http://127.0.0.1:8084/api/public/events/" + eventId + "/registrations")
                .setUpdatedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> !Panache
                .getEntityManager().createNativeQuery("SELECT 1 FROM event_catalog WHERE event_id = :id")
                .setParameter("id", eventId).getResultList().isEmpty()));
        return eventId;
    }

    /** The definition with more top-level fields (settings, reentry, ...). */
    public static Map<String, Object> with(Map<String, Object> definition, Map<String, Object> more) {
        Map<String, Object> copy = new HashMap<>(definition);
        copy.putAll(more);
        return copy;
    }

    /** The patient's only instance of the journey, once it has the status; fails after 30 s. */
    public static Map<String, Object> awaitStatus(UUID journeyId, String patientId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> found = instances(journeyId, patientId);
            return found.isEmpty() ? null : found.get(0);
        }, i -> i != null && status.equals(i.get("status")));
    }

    /** An instance's history, as the API returns it. */
    public static List<Map<String, Object>> history(UUID journeyId, Object instanceId) {
        return asMarketer().when().get("/api/journeys/" + journeyId + "/instances/" + instanceId + "/history")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    public static EmailDeliveryEvent delivery(EmailSendRequested request, DeliveryEventType type) {
        return EmailDeliveryEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setEmailId(request.getEmailId())
                .setPatientId(request.getPatientId())
                .setJourneyId(request.getJourneyId())
                .setInstanceId(request.getInstanceId())
                .setType(type)
                .setAt(Instant.now())
                .build();
    }

    /** Matches the email request of one step a journey made for a patient. */
    public static boolean isRequest(ConsumerRecord<String, Object> record, UUID journeyId, String patientId,
            String stepId) {
        return isRequest(record, journeyId, patientId)
                && stepId.equals(((EmailSendRequested) record.value()).getStepId());
    }

    /** Matches email requests a journey made for a patient. */
    public static boolean isRequest(ConsumerRecord<String, Object> record, UUID journeyId, String patientId) {
        return record.value() instanceof EmailSendRequested request
                && request.getPatientId().equals(patientId)
                && journeyId.toString().equals(request.getJourneyId());
    }
}
