package org.patientoutreach.journeys;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.DevTokens;

/** Journeys through the REST API and records as the other services publish them; every id is fresh. */
public final class Fixtures {

    public static final String MEMBERSHIP = "segments.membership-changed";
    public static final String FIRINGS = "triggers.fired";
    public static final String REQUESTS = "emails.send-requested";

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

    public static void activate(UUID journeyId) {
        asMarketer().when().post("/api/journeys/" + journeyId + "/activate").then().statusCode(200);
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

    /** Matches email requests a journey made for a patient. */
    public static boolean isRequest(ConsumerRecord<String, Object> record, UUID journeyId, String patientId) {
        return record.value() instanceof EmailSendRequested request
                && request.getPatientId().equals(patientId)
                && journeyId.toString().equals(request.getJourneyId());
    }
}
