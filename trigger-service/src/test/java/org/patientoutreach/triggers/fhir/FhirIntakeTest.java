package org.patientoutreach.triggers.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.FhirResourceChanged;
import org.patientoutreach.schemas.ResourceOperation;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;
import org.patientoutreach.triggers.TriggerApi;

/** FHIR R4 Encounters over REST (as an integration engine) and on ehr.fhir-resources become interactions. */
@QuarkusTest
class FhirIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FHIR_JSON = "application/fhir+json";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    private static RequestSpecification asIntegration() {
        return given().auth().oauth2(DevTokens.forRole(Roles.INTEGRATION)).contentType(FHIR_JSON);
    }

    private static String encounter(String id, String patientId, String status, String location, String extra) {
        return """
                {"resourceType": "Encounter", "id": "%s", "status": "%s",
                 "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
                 "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "183452005"}]}],
                 "subject": {"reference": "Patient/%s"},
                 "period": {"start": "2026-11-20T08:00:00-05:00", "end": "2026-11-27T10:00:00+00:00"},
                 "location": [{"location": {"display": "%s"}}],
                 "serviceProvider": {"display": "Main Street Hospital"}%s}"""
                .formatted(id, status, patientId, location, extra);
    }

    private static java.util.function.Predicate<ConsumerRecord<String, Object>> firingOf(String trigger, String encounterId) {
        return r -> r.value() instanceof TriggerFired f && f.getTriggerId().equals(trigger)
                && f.getInteractionId().startsWith("fhir:Encounter/" + encounterId + "/");
    }

    @Test
    void anInProgressInpatientEncounterPostedOverRestFiresAsAdmitted() {
        String ward = "Ward " + UUID.randomUUID();
        String trigger = TriggerApi.create("ADMITTED", ward, null);
        String patient = "patient-" + UUID.randomUUID();
        String encounterId = UUID.randomUUID().toString();

        try (var fired = kafka.subscribe("triggers.fired")) {
            asIntegration().body(encounter(encounterId, patient, "in-progress", ward, ""))
                    .when().post("/api/fhir/Encounter")
                    .then().statusCode(202)
                    .body("interactions[0].type", equalTo("ADMITTED"))
                    .body("interactions[0].interactionId", equalTo("fhir:Encounter/" + encounterId + "/in-progress"));
            TriggerFired firing = (TriggerFired) fired.await(firingOf(trigger, encounterId), WAIT).value();
            assertEquals(patient, firing.getPatientId());
            assertEquals(Instant.parse("2026-11-20T13:00:00Z"), firing.getOccurredAt(), "period.start");
            assertEquals("IMP", firing.getAttributes().get("encounterClass"));
            assertEquals("183452005", firing.getAttributes().get("encounterType"));
            assertEquals("Main Street Hospital", firing.getAttributes().get("facility"));
        }
    }

    @Test
    void aBundlesEncountersFireAndItsOtherResourcesAreIgnored() {
        String ward = "Ward " + UUID.randomUUID();
        String trigger = TriggerApi.create(Map.of("name", "discharged home", "interactionType", "DISCHARGED",
                "conditions", List.of(Map.of("field", "department", "operator", "EQUALS", "value", ward),
                        Map.of("field", "attributes.dischargeDisposition", "operator", "IN", "values", List.of("home")))));
        String patient = UUID.randomUUID().toString();
        String encounterId = UUID.randomUUID().toString();
        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"fullUrl": "urn:uuid:%s", "resource": {"resourceType": "Patient", "id": "%s"}},
                  {"resource": %s}]}"""
                .formatted(patient, patient, encounter(encounterId, "x", "finished", ward,
                        ", \"hospitalization\": {\"dischargeDisposition\": {\"coding\": [{\"code\": \"home\"}]}}")
                        .replace("Patient/x", "urn:uuid:" + patient));

        try (var fired = kafka.subscribe("triggers.fired")) {
            asIntegration().body(bundle).when().post("/api/fhir")
                    .then().statusCode(202).body("encounters", equalTo(1)).body("ignored", equalTo(1))
                    .body("interactions[0].type", equalTo("DISCHARGED"));
            TriggerFired firing = (TriggerFired) fired.await(firingOf(trigger, encounterId), WAIT).value();
            assertEquals(patient, firing.getPatientId(), "urn:uuid: reference resolved");
            assertEquals(Instant.parse("2026-11-27T10:00:00Z"), firing.getOccurredAt(), "period.end");
        }
    }

    @Test
    void encountersThatAreNotInteractionsAreRefusedNamingTheFhirPath() {
        asIntegration().body(encounter("e1", "p1", "entered-in-error", "x", ""))
                .when().post("/api/fhir/Encounter")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
        asIntegration().body(encounter("e1", "p1", "arrived", "x", "").replace("\"subject\": {\"reference\": \"Patient/p1\"},", ""))
                .when().post("/api/fhir/Encounter")
                .then().statusCode(400).body("errors.field", hasItem("subject.reference"));
        asIntegration().body("{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"resourceType\": \"Observation\"}},"
                        + "{\"resource\": " + encounter("e2", "p1", "onleave", "x", "") + "}]}")
                .when().post("/api/fhir")
                .then().statusCode(400).body("errors.field", hasItem("entry[1].resource.status"));
        asIntegration().body("{not json").when().post("/api/fhir/Encounter")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void marketersMayNotPostFhir() {
        given().auth().oauth2(DevTokens.forRole(Roles.MARKETER)).contentType(FHIR_JSON)
                .body(encounter("e1", "p1", "arrived", "x", ""))
                .when().post("/api/fhir/Encounter")
                .then().statusCode(403);
    }

    @Test
    void encountersOnTheFhirTopicFireAndOtherResourcesAreSkipped() {
        String clinic = "Clinic " + UUID.randomUUID();
        String trigger = TriggerApi.create("APPOINTMENT_BOOKED", clinic, null);
        String patient = "patient-" + UUID.randomUUID();
        String encounterId = UUID.randomUUID().toString();

        try (var fired = kafka.subscribe("triggers.fired")) {
            kafka.send("ehr.fhir-resources", patient, change("Observation", patient, "{\"resourceType\": \"Observation\"}"));
            kafka.send("ehr.fhir-resources", patient, change("Encounter", patient,
                    encounter(encounterId, patient, "planned", clinic, "")));
            TriggerFired firing = (TriggerFired) fired.await(firingOf(trigger, encounterId), WAIT).value();
            assertEquals("APPOINTMENT_BOOKED", firing.getInteractionType());
            assertEquals("2026-11-20T08:00:00-05:00", firing.getAttributes().get("scheduledStart"));
        }
    }

    @Test
    void anUnmappableEncounterOnTheFhirTopicGoesToTheDeadLetterTopicWithTheReason() {
        String patient = "patient-" + UUID.randomUUID();
        try (var dlq = kafka.subscribe("ehr.fhir-resources.trigger-service.dlq")) {
            kafka.send("ehr.fhir-resources", patient, change("Encounter", patient,
                    encounter(UUID.randomUUID().toString(), patient, "unknown", "x", "")));
            ConsumerRecord<String, Object> dead = dlq.await(r -> patient.equals(r.key()), WAIT);
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("status"), reason);
            assertTrue(((byte[]) dead.value()).length > 0, "the record is kept, not just its reason");
        }
    }

    private static FhirResourceChanged change(String type, String patient, String json) {
        return FhirResourceChanged.newBuilder().setResourceType(type).setResourceId(UUID.randomUUID().toString())
                .setPatientId(patient).setOperation(ResourceOperation.UPSERT).setResource(json).build();
    }
}
