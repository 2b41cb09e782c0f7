package org.patientoutreach.triggers.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.patientoutreach.triggers.TriggerApi.asMarketer;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.KafkaTestClient;
import org.patientoutreach.triggers.TriggerApi;

/**
 * Publishes interactions to the real ehr.patient-interactions topic as an EHR would and watches triggers.fired.
 * A negative case is proven by a later interaction of the same patient (same key, so same partition, processed
 * after it) that does fire: once that firing is visible, the earlier record has been handled.
 */
@QuarkusTest
class InteractionIntakeTest {

    private static final String INTERACTIONS = "ehr.patient-interactions";
    private static final String FIRED = "triggers.fired";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void checkInAtOphthalmologyFiresTheActiveTriggerWithADeterministicFiringId() {
        String trigger = TriggerApi.create("CHECKED_IN", "Ophthalmology", null);
        String patient = uniquePatient();
        PatientInteraction checkIn = checkIn(patient, "OPHTHALMOLOGY", now());

        try (var fired = kafka.subscribe(FIRED)) {
            kafka.send(INTERACTIONS, patient, checkIn);

            ConsumerRecord<String, Object> record = fired.await(firingOf(trigger, checkIn), WAIT);
            TriggerFired event = (TriggerFired) record.value();
            String expectedId = UUID.nameUUIDFromBytes(
                    (trigger + ":" + checkIn.getInteractionId()).getBytes(StandardCharsets.UTF_8)).toString();
            assertEquals(expectedId, event.getFiringId());
            assertEquals(patient, record.key());
            assertEquals(patient, event.getPatientId());
            assertEquals("CHECKED_IN", event.getInteractionType());
            assertEquals(checkIn.getOccurredAt(), event.getOccurredAt());
            assertEquals(Map.of("visitType", "follow-up", "department", "OPHTHALMOLOGY", "facility", "Main Street Clinic",
                    "source", "test-ehr", "encounterId", checkIn.getEncounterId()), event.getAttributes());
        }
        asMarketer().when().get("/api/triggers/{id}/firings", trigger)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].firingId", notNullValue())
                .body("items[0].patientId", equalTo(patient))
                .body("items[0].interactionId", equalTo(checkIn.getInteractionId()))
                .body("items[0].interactionType", equalTo("CHECKED_IN"));
    }

    @Test
    void theSameInteractionDeliveredTwiceFiresOnce() {
        String department = uniqueDepartment();
        String trigger = TriggerApi.create("CHECKED_IN", department, null);
        String patient = uniquePatient();
        PatientInteraction checkIn = checkIn(patient, department, now());
        PatientInteraction later = checkIn(patient, department, now().plusSeconds(60));

        try (var fired = kafka.subscribe(FIRED)) {
            kafka.send(INTERACTIONS, patient, checkIn);
            kafka.send(INTERACTIONS, patient, checkIn);
            kafka.send(INTERACTIONS, patient, later);

            fired.await(firingOf(trigger, later), WAIT);
            long duplicates = fired.drain(Duration.ofMillis(500)).stream().filter(firingOf(trigger, checkIn)).count();
            assertEquals(1, duplicates);
        }
        assertEquals(Set.of(checkIn.getInteractionId(), later.getInteractionId()), firedInteractions(trigger));
    }

    @Test
    void anInteractionOfAnotherDepartmentOrTypeDoesNotFire() {
        String department = uniqueDepartment();
        String trigger = TriggerApi.create("CHECKED_IN", department, null);
        String patient = uniquePatient();
        PatientInteraction elsewhere = checkIn(patient, "Cardiology", now());
        PatientInteraction discharge = interaction(patient, InteractionType.DISCHARGED, department, now());
        PatientInteraction matching = checkIn(patient, department, now());

        try (var fired = kafka.subscribe(FIRED)) {
            kafka.send(INTERACTIONS, patient, elsewhere);
            kafka.send(INTERACTIONS, patient, discharge);
            kafka.send(INTERACTIONS, patient, matching);
            fired.await(firingOf(trigger, matching), WAIT);
        }
        assertEquals(Set.of(matching.getInteractionId()), firedInteractions(trigger));
    }

    @Test
    void anInactiveTriggerDoesNotFire() {
        String department = uniqueDepartment();
        String paused = TriggerApi.create("CHECKED_IN", department, null);
        TriggerApi.deactivate(paused);
        String active = TriggerApi.create("CHECKED_IN", department, null);
        String patient = uniquePatient();
        PatientInteraction checkIn = checkIn(patient, department, now());

        try (var fired = kafka.subscribe(FIRED)) {
            kafka.send(INTERACTIONS, patient, checkIn);
            fired.await(firingOf(active, checkIn), WAIT);
            assertEquals(0, fired.drain(Duration.ofMillis(500)).stream().filter(firingOf(paused, checkIn)).count());
        }
        assertEquals(Set.of(), firedInteractions(paused));
    }

    @Test
    void cooldownAllowsOneFiringPerPatientWithinItsWindow() {
        String department = uniqueDepartment();
        String trigger = TriggerApi.create("CHECKED_IN", department, "PT1H");
        String patient = uniquePatient();
        String otherPatient = uniquePatient();
        Instant start = now();
        PatientInteraction first = checkIn(patient, department, start);
        PatientInteraction withinCooldown = checkIn(patient, department, start.plus(10, ChronoUnit.MINUTES));
        PatientInteraction afterCooldown = checkIn(patient, department, start.plus(2, ChronoUnit.HOURS));
        PatientInteraction otherPatientsCheckIn = checkIn(otherPatient, department, start.plus(10, ChronoUnit.MINUTES));

        try (var fired = kafka.subscribe(FIRED)) {
            kafka.send(INTERACTIONS, patient, first);
            kafka.send(INTERACTIONS, patient, withinCooldown);
            kafka.send(INTERACTIONS, patient, afterCooldown);
            kafka.send(INTERACTIONS, otherPatient, otherPatientsCheckIn);
            fired.await(firingOf(trigger, afterCooldown), WAIT);
            fired.await(firingOf(trigger, otherPatientsCheckIn), WAIT);
        }
        assertEquals(Set.of(first.getInteractionId(), afterCooldown.getInteractionId(),
                otherPatientsCheckIn.getInteractionId()), firedInteractions(trigger));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        String department = uniqueDepartment();
        String trigger = TriggerApi.create("CHECKED_IN", department, null);
        String patient = uniquePatient();
        PatientInteraction checkIn = checkIn(patient, department, now());

        try (var dlq = kafka.subscribe(INTERACTIONS + ".dlq"); var fired = kafka.subscribe(FIRED)) {
            kafka.sendPoison(INTERACTIONS, patient, "not an avro record".getBytes(StandardCharsets.UTF_8));
            kafka.send(INTERACTIONS, patient, checkIn);

            ConsumerRecord<String, Object> dead = dlq.await(r -> patient.equals(r.key()), WAIT);
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
            assertEquals("not an avro record", new String((byte[]) dead.value(), StandardCharsets.UTF_8),
                    "the unreadable bytes are kept as received");
            fired.await(firingOf(trigger, checkIn), WAIT);
        }
    }

    @Test
    void aRecordWithoutPatientIdGoesToTheDeadLetterTopic() {
        String key = uniquePatient();
        PatientInteraction anonymous = checkIn(" ", uniqueDepartment(), now());

        try (var dlq = kafka.subscribe(INTERACTIONS + ".dlq")) {
            kafka.send(INTERACTIONS, key, anonymous);
            ConsumerRecord<String, Object> dead = dlq.await(r -> key.equals(r.key()), WAIT);
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("patientId"), reason);
        }
    }

    @Test
    void everyOperatorDecidesOnRealInteractionsAndOnlyFullMatchesFire() {
        String department = uniqueDepartment();
        String trigger = TriggerApi.create(Map.of("name", "discharged home after a stay of 2 to 10 days",
                "interactionTypes", List.of("DISCHARGED", "ADMITTED"),
                "conditions", List.of(
                        Map.of("field", "department", "operator", "EQUALS", "value", department),
                        Map.of("field", "attributes.dischargeDisposition", "operator", "IN", "values", List.of("01", "06")),
                        Map.of("field", "facility", "operator", "PREFIX", "value", "main street"),
                        Map.of("field", "attributes.lengthOfStayDays", "operator", "RANGE", "min", 2, "max", 10),
                        Map.of("field", "occurredAt", "operator", "RANGE", "min", "2026-01-01T00:00:00Z"),
                        Map.of("field", "attributes.encounterClass", "operator", "EXISTS"))));
        String patient = uniquePatient();
        Map<String, String> matching = Map.of("dischargeDisposition", "06", "lengthOfStayDays", "4", "encounterClass", "IMP");
        PatientInteraction wrongDisposition = discharge(patient, department, now(),
                with(matching, "dischargeDisposition", "20"));
        PatientInteraction tooLong = discharge(patient, department, now(), with(matching, "lengthOfStayDays", "11"));
        PatientInteraction tooEarly = discharge(patient, department, Instant.parse("2025-12-31T23:59:59Z"), matching);
        PatientInteraction noClass = discharge(patient, department, now(), with(matching, "encounterClass", null));
        PatientInteraction otherFacility = PatientInteraction.newBuilder(discharge(patient, department, now(), matching))
                .setFacility("Harbor Hospital").build();
        PatientInteraction checkIn = PatientInteraction.newBuilder(discharge(patient, department, now(), matching))
                .setType(InteractionType.CHECKED_IN).build();
        PatientInteraction fires = discharge(patient, department, now(), matching);
        PatientInteraction admissionFires = PatientInteraction.newBuilder(discharge(patient, department, now(), matching))
                .setType(InteractionType.ADMITTED).build();

        try (var fired = kafka.subscribe(FIRED)) {
            for (PatientInteraction i : List.of(wrongDisposition, tooLong, tooEarly, noClass, otherFacility, checkIn,
                    fires, admissionFires)) {
                kafka.send(INTERACTIONS, patient, i);
            }
            fired.await(firingOf(trigger, admissionFires), WAIT);
        }
        assertEquals(Set.of(fires.getInteractionId(), admissionFires.getInteractionId()), firedInteractions(trigger));
        asMarketer().when().get("/api/triggers/{id}", trigger).then().statusCode(200)
                .body("firedCount", equalTo(2))
                .body("lastFiredAt", notNullValue());
    }

    @Test
    void firingsOfOnePatientArePublishedInTheOrderTheInteractionsArrived() {
        String department = uniqueDepartment();
        String trigger = TriggerApi.create("CHECKED_IN", department, null);
        String patient = uniquePatient();
        List<PatientInteraction> visits = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // occurredAt deliberately not increasing: order is the topic's, not the clock's
            visits.add(checkIn(patient, department, now().minusSeconds(i)));
        }
        try (var fired = kafka.subscribe(FIRED)) {
            visits.forEach(v -> kafka.send(INTERACTIONS, patient, v));
            fired.await(firingOf(trigger, visits.get(visits.size() - 1)), WAIT);
            List<String> order = fired.drain(Duration.ZERO).stream()
                    .filter(r -> r.value() instanceof TriggerFired f && f.getTriggerId().equals(trigger))
                    .map(r -> ((TriggerFired) r.value()).getInteractionId())
                    .toList();
            assertEquals(visits.stream().map(PatientInteraction::getInteractionId).toList(), order);
        }
    }

    @Test
    void aTriggerActivatedFromDraftFiresOnTheNextInteractionWithoutARestart() {
        String department = uniqueDepartment();
        String draft = TriggerApi.create(Map.of("name", "draft", "interactionType", "NO_SHOW", "status", "DRAFT",
                "conditions", Map.of("department", department)));
        String patient = uniquePatient();
        PatientInteraction whileDraft = interaction(patient, InteractionType.NO_SHOW, department, now());
        PatientInteraction afterActivation = interaction(patient, InteractionType.NO_SHOW, department, now());
        String marker = TriggerApi.create("NO_SHOW", department, null);

        try (var fired = kafka.subscribe(FIRED)) {
            kafka.send(INTERACTIONS, patient, whileDraft);
            fired.await(firingOf(marker, whileDraft), WAIT);
            asMarketer().when().post("/api/triggers/{id}/activate", draft).then().statusCode(200);
            kafka.send(INTERACTIONS, patient, afterActivation);
            fired.await(firingOf(draft, afterActivation), WAIT);
        }
        assertEquals(Set.of(afterActivation.getInteractionId()), firedInteractions(draft));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    private static PatientInteraction discharge(String patientId, String department, Instant at,
            Map<String, String> attributes) {
        return PatientInteraction.newBuilder(interaction(patientId, InteractionType.DISCHARGED, department, at))
                .setAttributes(attributes).build();
    }

    private static Set<String> firedInteractions(String triggerId) {
        List<String> ids = asMarketer().queryParam("size", 200).when().get("/api/triggers/{id}/firings", triggerId)
                .then().statusCode(200).extract().jsonPath().getList("items.interactionId", String.class);
        return Set.copyOf(ids);
    }

    private static Predicate<ConsumerRecord<String, Object>> firingOf(String triggerId, PatientInteraction interaction) {
        return r -> r.value() instanceof TriggerFired f
                && f.getTriggerId().equals(triggerId)
                && f.getInteractionId().equals(interaction.getInteractionId());
    }

    private static PatientInteraction checkIn(String patientId, String department, Instant at) {
        return interaction(patientId, InteractionType.CHECKED_IN, department, at);
    }

    private static PatientInteraction interaction(String patientId, InteractionType type, String department, Instant at) {
        return PatientInteraction.newBuilder()
                .setInteractionId(UUID.randomUUID().toString())
                .setPatientId(patientId)
                .setType(type)
                .setOccurredAt(at)
                .setSource("test-ehr")
                .setFacility("Main Street Clinic")
                .setDepartment(department)
                .setEncounterId(UUID.randomUUID().toString())
                .setAttributes(Map.of("visitType", "follow-up"))
                .build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String uniquePatient() {
        return "patient-" + UUID.randomUUID();
    }

    private static String uniqueDepartment() {
        return "Department " + UUID.randomUUID();
    }
}
