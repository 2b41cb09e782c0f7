package org.patientoutreach.events;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.testing.DevTokens;

/** Drives the REST API the way the front end does, for tests that need events and registrations. */
public final class EventApi {

    private EventApi() {
    }

    /** A request as an event coordinator sends it. A fresh token each time, so none expires during a long run. */
    public static RequestSpecification asCoordinator() {
        return given().auth().oauth2(DevTokens.forRole(Roles.EVENT_COORDINATOR));
    }

    /** A valid VIRTUAL event a week from now; callers override fields to test the rules. */
    public static Map<String, Object> virtualEvent(int capacity) {
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Eye health webinar");
        body.put("description", "Ask our ophthalmologists anything");
        body.put("sponsor", "PROVIDER");
        body.put("format", "VIRTUAL");
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plus(1, ChronoUnit.HOURS).toString());
        body.put("timezone", "America/New_York");
        body.put("capacity", capacity);
        body.put("joinUrl", "https://meet.example.org/eye-health");
        return body;
    }

    public static String createEvent(int capacity) {
        return asCoordinator().contentType(ContentType.JSON).body(virtualEvent(capacity))
                .when().post("/api/events")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A complete VIRTUAL event, published: open to invitation links. */
    public static String createPublishedEvent(int capacity) {
        return publish(createEvent(capacity));
    }

    public static String publish(String eventId) {
        asCoordinator().when().post("/api/events/{id}/publish", eventId).then().statusCode(200);
        return eventId;
    }

    /** Registers and expects 201; returns the registration. */
    public static JsonPath register(String eventId, String patientId) {
        return asCoordinator().contentType(ContentType.JSON).body(Map.of("patientId", patientId))
                .when().post("/api/events/{id}/registrations", eventId)
                .then().statusCode(201)
                .extract().jsonPath();
    }

    public static JsonPath event(String eventId) {
        return asCoordinator().when().get("/api/events/{id}", eventId).then().statusCode(200).extract().jsonPath();
    }
}
