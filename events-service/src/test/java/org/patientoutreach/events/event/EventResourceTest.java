package org.patientoutreach.events.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.patientoutreach.events.EventApi.asCoordinator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;

@QuarkusTest
class EventResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createReturns201WithLocationAndADraftEvent() {
        Map<String, Object> body = EventApi.virtualEvent(50);
        String location = asCoordinator().contentType(ContentType.JSON).body(body)
                .when().post("/api/events")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("id", notNullValue())
                .body("title", equalTo("Eye health webinar"))
                .body("sponsor", equalTo("PROVIDER"))
                .body("format", equalTo("VIRTUAL"))
                .body("startsAt", equalTo(body.get("startsAt")))
                .body("endsAt", equalTo(body.get("endsAt")))
                .body("timezone", equalTo("America/New_York"))
                .body("capacity", equalTo(50))
                .body("joinUrl", equalTo("https://meet.example.org/eye-health"))
                .body("status", equalTo("DRAFT"))
                .body("type", equalTo("OTHER"))
                .body("registered", equalTo(0))
                .body("waitlisted", equalTo(0))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().header("Location");
        asCoordinator().when().get(location).then().statusCode(200).body("title", equalTo("Eye health webinar"));
    }

    @Test
    void timezoneDefaultsToUtcAndInPersonEventsKeepTheirLocation() {
        Map<String, Object> body = EventApi.virtualEvent(10);
        body.remove("timezone");
        body.remove("joinUrl");
        body.put("format", "IN_PERSON");
        body.put("sponsor", "PAYER");
        body.put("location", "12 Main Street, Springfield");
        asCoordinator().contentType(ContentType.JSON).body(body)
                .when().post("/api/events")
                .then().statusCode(201)
                .body("timezone", equalTo("UTC"))
                .body("location", equalTo("12 Main Street, Springfield"))
                .body("joinUrl", nullValue());
    }

    @Test
    void endsAtBeforeStartsAtIsA400NamingEndsAt() {
        Map<String, Object> body = EventApi.virtualEvent(10);
        body.put("endsAt", Instant.parse((String) body.get("startsAt")).minus(1, ChronoUnit.HOURS).toString());
        expectBadField(body, "endsAt");
    }

    @Test
    void aJoinUrlThatIsNotHttpsIsA400NamingJoinUrl() {
        Map<String, Object> body = EventApi.virtualEvent(10);
        body.put("joinUrl", "http://meet.example.org/insecure");
        expectBadField(body, "joinUrl");
        body.put("joinUrl", "not a url");
        expectBadField(body, "joinUrl");
    }

    @Test
    void otherInvalidFieldsAreA400NamingTheField() {
        Map<String, Object> body = EventApi.virtualEvent(0);
        expectBadField(body, "capacity");
        body = EventApi.virtualEvent(10);
        body.put("timezone", "Mars/Olympus_Mons");
        expectBadField(body, "timezone");
        body = EventApi.virtualEvent(10);
        body.put("sponsor", "EMPLOYER");
        expectBadField(body, "sponsor");
        body = EventApi.virtualEvent(10);
        body.put("startsAt", "next tuesday");
        expectBadField(body, "startsAt");
        body = EventApi.virtualEvent(10);
        body.remove("title");
        expectBadField(body, "title");
    }

    @Test
    void updateWithTheCurrentVersionReplacesTheEvent() {
        String id = EventApi.createEvent(10);
        Map<String, Object> body = EventApi.virtualEvent(20);
        body.put("title", "Eye health webinar (extended)");
        body.put("version", 0);
        asCoordinator().contentType(ContentType.JSON).body(body)
                .when().put("/api/events/{id}", id)
                .then().statusCode(200)
                .body("title", equalTo("Eye health webinar (extended)"))
                .body("capacity", equalTo(20))
                .body("version", equalTo(1));
    }

    @Test
    void updateWithAStaleVersionIsAConflict() {
        String id = EventApi.createEvent(10);
        Map<String, Object> body = EventApi.virtualEvent(10);
        body.put("version", 0);
        asCoordinator().contentType(ContentType.JSON).body(body).when().put("/api/events/{id}", id).then().statusCode(200);
        asCoordinator().contentType(ContentType.JSON).body(body)
                .when().put("/api/events/{id}", id)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void capacityBelowTheSeatsTakenIsAConflictNamingCapacity() {
        String id = EventApi.createEvent(3);
        EventApi.register(id, "patient-" + UUID.randomUUID());
        EventApi.register(id, "patient-" + UUID.randomUUID());
        Map<String, Object> body = EventApi.virtualEvent(1);
        body.put("version", 0);
        asCoordinator().contentType(ContentType.JSON).body(body)
                .when().put("/api/events/{id}", id)
                .then().statusCode(409).contentType(PROBLEM).body("errors.field", hasItem("capacity"));
    }

    @Test
    void listFiltersByOverlapWithFromAndTo() {
        // A window decades ahead that no other test uses.
        Instant start = Instant.now().plus(3650 + ThreadLocalRandom.current().nextInt(3650), ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> inside = EventApi.virtualEvent(5);
        inside.put("startsAt", start.toString());
        inside.put("endsAt", start.plus(1, ChronoUnit.HOURS).toString());
        String insideId = asCoordinator().contentType(ContentType.JSON).body(inside).when().post("/api/events")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> later = EventApi.virtualEvent(5);
        later.put("startsAt", start.plus(2, ChronoUnit.DAYS).toString());
        later.put("endsAt", start.plus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).toString());
        String laterId = asCoordinator().contentType(ContentType.JSON).body(later).when().post("/api/events")
                .then().statusCode(201).extract().path("id");

        asCoordinator().queryParam("from", start.minus(1, ChronoUnit.HOURS).toString())
                .queryParam("to", start.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("size", 200)
                .when().get("/api/events")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(200))
                .body("items.id", hasItem(insideId))
                .body("items.id", not(hasItem(laterId)));
    }

    @Test
    void unreadableListBoundsAreA400NamingTheParameter() {
        asCoordinator().queryParam("from", "yesterday").when().get("/api/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("from"));
        asCoordinator().queryParam("from", "2027-01-02T00:00:00Z").queryParam("to", "2027-01-01T00:00:00Z")
                .when().get("/api/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("to"));
    }

    @Test
    void unknownEventIsA404Problem() {
        asCoordinator().when().get("/api/events/{id}", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        asCoordinator().when().post("/api/events/{id}/cancel", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void openApiDocumentsTheEventsApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/events/{eventId}/registrations/{registrationId}/check-in"))
                .body("info.description", not(endsWith("TODO")));
    }

    private static void expectBadField(Map<String, Object> body, String field) {
        asCoordinator().contentType(ContentType.JSON).body(body)
                .when().post("/api/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }
}
