package org.patientoutreach.events.registration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.patientoutreach.events.EventApi.asCoordinator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class RegistrationResourceTest {

    private static final String CHANGES = "events.registrations";
    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void withCapacityTwoTheThirdRegistrationIsWaitlistedAndEveryChangeIsPublished() {
        String event = EventApi.createEvent(2);
        String first = patient();
        String second = patient();
        String third = patient();

        try (var changes = kafka.subscribe(CHANGES)) {
            JsonPath a = EventApi.register(event, first);
            JsonPath b = EventApi.register(event, second);
            JsonPath c = EventApi.register(event, third);

            assertEquals("REGISTERED", a.getString("status"));
            assertEquals(event, a.getString("eventId"));
            assertEquals(first, a.getString("patientId"));
            assertNull(a.get("waitlistPosition"));
            assertEquals("REGISTERED", b.getString("status"));
            assertEquals("WAITLISTED", c.getString("status"));
            assertEquals(1, c.getInt("waitlistPosition"));

            changes.await(change(a.getString("id"), "REGISTERED", first), WAIT);
            changes.await(change(b.getString("id"), "REGISTERED", second), WAIT);
            changes.await(change(c.getString("id"), "WAITLISTED", third), WAIT);
        }
        JsonPath view = EventApi.event(event);
        assertEquals(2, view.getInt("registered"));
        assertEquals(1, view.getInt("waitlisted"));
    }

    @Test
    void cancellingARegistrationPromotesTheFirstWaitlistedAndPublishesBothChanges() {
        String event = EventApi.createEvent(1);
        String seatedPatient = patient();
        String firstInLine = patient();
        String secondInLine = patient();
        String seated = EventApi.register(event, seatedPatient).getString("id");
        String promoted = EventApi.register(event, firstInLine).getString("id");
        JsonPath stillWaiting = EventApi.register(event, secondInLine);
        assertEquals(2, stillWaiting.getInt("waitlistPosition"));

        try (var changes = kafka.subscribe(CHANGES)) {
            asCoordinator().when().delete("/api/events/{e}/registrations/{r}", event, seated)
                    .then().statusCode(200).body("status", equalTo("CANCELLED"));

            ConsumerRecord<String, Object> cancelled = changes.await(change(seated, "CANCELLED", seatedPatient), WAIT);
            assertEquals(seatedPatient, cancelled.key());
            ConsumerRecord<String, Object> registered = changes.await(change(promoted, "REGISTERED", firstInLine), WAIT);
            assertEquals(firstInLine, registered.key());
        }
        asCoordinator().queryParam("status", "WAITLISTED").when().get("/api/events/{e}/registrations", event)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].patientId", equalTo(secondInLine))
                .body("items[0].waitlistPosition", equalTo(1));
        asCoordinator().when().get("/api/events/{e}/registrations", event)
                .then().statusCode(200).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(20));
    }

    @Test
    void concurrentRegistrationsNeverExceedCapacity() throws Exception {
        String event = EventApi.createEvent(5);
        int patients = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(patients);
        try {
            List<Future<String>> statuses = new ArrayList<>();
            for (int i = 0; i < patients; i++) {
                String patient = patient();
                statuses.add(pool.submit(() -> {
                    start.await();
                    return EventApi.register(event, patient).getString("status");
                }));
            }
            start.countDown();
            long registered = 0;
            for (Future<String> status : statuses) {
                if ("REGISTERED".equals(status.get())) {
                    registered++;
                }
            }
            assertEquals(5, registered);
        } finally {
            pool.shutdownNow();
        }
        JsonPath view = EventApi.event(event);
        assertEquals(5, view.getInt("registered"));
        assertEquals(5, view.getInt("waitlisted"));
        asCoordinator().queryParam("status", "REGISTERED").when().get("/api/events/{e}/registrations", event)
                .then().statusCode(200).body("total", equalTo(5));
    }

    @Test
    void registeringTheSamePatientAgainReturnsTheExistingRegistrationWith200() {
        String event = EventApi.createEvent(5);
        String patient = patient();
        String id = EventApi.register(event, patient).getString("id");

        asCoordinator().contentType(ContentType.JSON).body(Map.of("patientId", patient))
                .when().post("/api/events/{e}/registrations", event)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("REGISTERED"));
        asCoordinator().when().get("/api/events/{e}/registrations", event).then().statusCode(200).body("total", equalTo(1));
        assertEquals(1, EventApi.event(event).getInt("registered"));
    }

    @Test
    void onlyARegisteredPatientCanCheckIn() {
        String event = EventApi.createEvent(1);
        String patient = patient();
        String seated = EventApi.register(event, patient).getString("id");
        String waitlisted = EventApi.register(event, patient()).getString("id");

        try (var changes = kafka.subscribe(CHANGES)) {
            asCoordinator().when().post("/api/events/{e}/registrations/{r}/check-in", event, seated)
                    .then().statusCode(200).body("status", equalTo("CHECKED_IN"));
            changes.await(change(seated, "CHECKED_IN", patient), WAIT);
        }
        asCoordinator().when().post("/api/events/{e}/registrations/{r}/check-in", event, seated)
                .then().statusCode(409).contentType(PROBLEM);
        asCoordinator().when().post("/api/events/{e}/registrations/{r}/check-in", event, waitlisted)
                .then().statusCode(409).contentType(PROBLEM);
        asCoordinator().when().delete("/api/events/{e}/registrations/{r}", event, seated)
                .then().statusCode(409).contentType(PROBLEM);
        asCoordinator().when().delete("/api/events/{e}/registrations/{r}", event, waitlisted).then().statusCode(200);
        asCoordinator().when().post("/api/events/{e}/registrations/{r}/check-in", event, waitlisted)
                .then().statusCode(409).contentType(PROBLEM);
        assertEquals(1, EventApi.event(event).getInt("checkedIn"));
    }

    @Test
    void cancellingTheEventCancelsItsRegistrationsAndRefusesNewOnes() {
        String event = EventApi.createEvent(1);
        String seatedPatient = patient();
        String waitingPatient = patient();
        String seated = EventApi.register(event, seatedPatient).getString("id");
        String waiting = EventApi.register(event, waitingPatient).getString("id");

        try (var changes = kafka.subscribe(CHANGES)) {
            asCoordinator().when().post("/api/events/{e}/cancel", event)
                    .then().statusCode(200)
                    .body("status", equalTo("CANCELLED"))
                    .body("registered", equalTo(0))
                    .body("waitlisted", equalTo(0));
            changes.await(change(seated, "CANCELLED", seatedPatient), WAIT);
            changes.await(change(waiting, "CANCELLED", waitingPatient), WAIT);
        }
        asCoordinator().contentType(ContentType.JSON).body(Map.of("patientId", patient()))
                .when().post("/api/events/{e}/registrations", event)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void invalidRegistrationRequestsAreProblems() {
        String event = EventApi.createEvent(1);
        asCoordinator().contentType(ContentType.JSON).body(Map.of("patientId", " "))
                .when().post("/api/events/{e}/registrations", event)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("patientId"));
        asCoordinator().queryParam("status", "MAYBE").when().get("/api/events/{e}/registrations", event)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("status"));
        asCoordinator().contentType(ContentType.JSON).body(Map.of("patientId", patient()))
                .when().post("/api/events/{e}/registrations", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
        asCoordinator().when().delete("/api/events/{e}/registrations/{r}", event, UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("errors", nullValue());
    }

    private static Predicate<ConsumerRecord<String, Object>> change(String registrationId, String status, String patientId) {
        return r -> r.value() instanceof EventRegistrationChanged c
                && c.getRegistrationId().equals(registrationId)
                && c.getStatus().name().equals(status)
                && c.getPatientId().equals(patientId)
                && !c.getChangeId().isBlank();
    }

    private static String patient() {
        return "patient-" + UUID.randomUUID();
    }
}
