package org.patientoutreach.events.event;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.patientoutreach.events.EventApi.asCoordinator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.schemas.EventCatalogEntry;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.testing.KafkaTestClient;

/** DRAFT → PUBLISHED → COMPLETED | CANCELLED, the publishing checks, and the catalog entries each step publishes. */
@QuarkusTest
class EventLifecycleTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void publishingAnIncompleteHybridDraftIsA409NamingEveryMissingField() {
        Map<String, Object> body = EventApi.virtualEvent(20);
        body.put("format", "HYBRID");
        body.remove("joinUrl");
        body.remove("description");
        String id = create(body);

        asCoordinator().when().post("/api/events/{id}/publish", id)
                .then().statusCode(409).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("description", "location", "joinUrl"));
        asCoordinator().when().get("/api/events/{id}", id).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void publishingNamesTheVenueForInPersonAndTheMeetingUrlForVirtualEvents() {
        Map<String, Object> inPerson = EventApi.virtualEvent(20);
        inPerson.put("format", "IN_PERSON");
        String inPersonId = create(inPerson);
        asCoordinator().when().post("/api/events/{id}/publish", inPersonId)
                .then().statusCode(409).body("errors.field", equalTo(List.of("location")));

        Map<String, Object> virtual = EventApi.virtualEvent(20);
        virtual.remove("joinUrl");
        String virtualId = create(virtual);
        asCoordinator().when().post("/api/events/{id}/publish", virtualId)
                .then().statusCode(409).body("errors.field", equalTo(List.of("joinUrl")));
    }

    @Test
    void aCompleteDraftPublishesAndItsCatalogEntryFollowsEveryStep() {
        try (var catalog = kafka.subscribe("events.catalog")) {
            String id = EventApi.createEvent(30);
            EventCatalogEntry draft = awaitEntry(catalog, id, "DRAFT");
            assertEquals("Eye health webinar", draft.getTitle());
            assertEquals("VIRTUAL", draft.getFormat());
            assertEquals("America/New_York", draft.getTimezone());
            assertEquals("https://meet.example.org/eye-health", draft.getOnlineUrl());
            assertNull(draft.getVenue());
            assertEquals("http://127.0.0.1:8084/api/public/events/" + id + "/registrations", draft.getRegistrationUrl());

            asCoordinator().when().post("/api/events/{id}/publish", id)
                    .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("publishedAt", notNullValue());
            EventCatalogEntry published = awaitEntry(catalog, id, "PUBLISHED");
            assertEquals(EventApi.event(id).getString("startsAt"), published.getStartsAt().toString());

            Map<String, Object> edit = EventApi.virtualEvent(30);
            edit.put("title", "Eye health webinar: your questions answered");
            edit.put("version", EventApi.event(id).getLong("version"));
            asCoordinator().contentType(ContentType.JSON).body(edit).when().put("/api/events/{id}", id)
                    .then().statusCode(200);
            catalog.await(r -> r.value() instanceof EventCatalogEntry e && e.getEventId().equals(id)
                    && e.getTitle().equals("Eye health webinar: your questions answered"), WAIT);

            asCoordinator().when().post("/api/events/{id}/cancel", id).then().statusCode(200);
            ConsumerRecord<String, Object> cancelled = catalog.await(entry(id, "CANCELLED"), WAIT);
            assertEquals(id, cancelled.key());
            asCoordinator().when().post("/api/events/{id}/publish", id).then().statusCode(409).contentType(PROBLEM);
        }
    }

    @Test
    void aPublishedEventCannotLoseWhatPublishingRequired() {
        String id = EventApi.createPublishedEvent(10);
        Map<String, Object> edit = EventApi.virtualEvent(10);
        edit.remove("joinUrl");
        edit.put("version", EventApi.event(id).getLong("version"));
        asCoordinator().contentType(ContentType.JSON).body(edit).when().put("/api/events/{id}", id)
                .then().statusCode(409).contentType(PROBLEM).body("errors.field", hasItem("joinUrl"));
        // Publishing again is harmless.
        asCoordinator().when().post("/api/events/{id}/publish", id).then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
    }

    @Test
    void completingMarksRegisteredPatientsWhoNeverCheckedInAsNoShowAndCancelsTheWaitlist() {
        // Started an hour ago, ends in an hour: registration is still open and the event may be completed.
        Map<String, Object> body = EventApi.virtualEvent(2);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plus(2, ChronoUnit.HOURS).toString());
        String id = EventApi.publish(create(body));
        String attendee = patient();
        String absentee = patient();
        String waiting = patient();
        String attended = EventApi.register(id, attendee).getString("id");
        String absent = EventApi.register(id, absentee).getString("id");
        String waitlisted = EventApi.register(id, waiting).getString("id");
        asCoordinator().when().post("/api/events/{e}/registrations/{r}/check-in", id, attended).then().statusCode(200);

        try (var changes = kafka.subscribe("events.registrations")) {
            asCoordinator().when().post("/api/events/{id}/complete", id)
                    .then().statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("completedAt", notNullValue())
                    .body("checkedIn", equalTo(1))
                    .body("noShows", equalTo(1))
                    .body("waitlisted", equalTo(0));
            changes.await(change(absent, "NO_SHOW", absentee), WAIT);
            changes.await(change(waitlisted, "CANCELLED", waiting), WAIT);
        }
        asCoordinator().queryParam("status", "NO_SHOW").when().get("/api/events/{e}/registrations", id)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].patientId", equalTo(absentee));

        // A completed event is history: no edits, no cancellation, no new registrations; completing again is harmless.
        asCoordinator().when().post("/api/events/{id}/complete", id).then().statusCode(200);
        asCoordinator().when().post("/api/events/{id}/cancel", id).then().statusCode(409).contentType(PROBLEM);
        body.put("version", EventApi.event(id).getLong("version"));
        asCoordinator().contentType(ContentType.JSON).body(body).when().put("/api/events/{id}", id)
                .then().statusCode(409).contentType(PROBLEM);
        asCoordinator().contentType(ContentType.JSON).body(Map.of("patientId", patient()))
                .when().post("/api/events/{e}/registrations", id).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void anEventCompletesOnlyOncePublishedAndStarted() {
        String draft = EventApi.createEvent(5);
        asCoordinator().when().post("/api/events/{id}/complete", draft).then().statusCode(409).contentType(PROBLEM);
        String future = EventApi.createPublishedEvent(5);
        asCoordinator().when().post("/api/events/{id}/complete", future).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void theListFiltersByStatus() {
        String draft = EventApi.createEvent(5);
        String published = EventApi.createPublishedEvent(5);
        asCoordinator().queryParam("status", "published").queryParam("size", 200).when().get("/api/events")
                .then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("PUBLISHED")));
        asCoordinator().queryParam("status", "SOON").when().get("/api/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("status"));
        assertEquals("DRAFT", EventApi.event(draft).getString("status"));
        assertEquals("PUBLISHED", EventApi.event(published).getString("status"));
    }

    private static String create(Map<String, Object> body) {
        return asCoordinator().contentType(ContentType.JSON).body(body).when().post("/api/events")
                .then().statusCode(201).extract().path("id");
    }

    private static EventCatalogEntry awaitEntry(KafkaTestClient.Subscription catalog, String id, String status) {
        return (EventCatalogEntry) catalog.await(entry(id, status), WAIT).value();
    }

    private static java.util.function.Predicate<ConsumerRecord<String, Object>> entry(String id, String status) {
        return r -> r.value() instanceof EventCatalogEntry e && e.getEventId().equals(id)
                && e.getStatus().name().equals(status);
    }

    private static java.util.function.Predicate<ConsumerRecord<String, Object>> change(String registrationId,
            String status, String patientId) {
        return r -> r.value() instanceof EventRegistrationChanged c && c.getRegistrationId().equals(registrationId)
                && c.getStatus().name().equals(status) && c.getPatientId().equals(patientId);
    }

    private static String patient() {
        return "patient-" + UUID.randomUUID();
    }
}
