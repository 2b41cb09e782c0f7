package org.patientoutreach.events.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.testing.DevTokens;

@QuarkusTest
class AuditTrailTest {

    private static String tokenOf(String subject, String role) {
        return DevTokens.issue(subject, Duration.ofMinutes(5), role);
    }

    private static String subject(String what) {
        return "audit-" + what + "-" + UUID.randomUUID();
    }

    @Test
    void a_change_is_on_record_with_the_token_subject_and_the_new_resource_id() {
        String subject = subject("writer");
        String id = given().auth().oauth2(tokenOf(subject, "event-coordinator")).contentType(ContentType.JSON)
                .body(EventApi.virtualEvent(5)).when().post("/api/events").then().statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].action", equalTo("CREATE_OR_ACTION"))
                .body("items[0].resourceType", equalTo("events")).body("items[0].resourceId", equalTo(id))
                .body("items[0].status", equalTo(201)).body("items[0].roles", equalTo("event-coordinator"));
    }

    @Test
    void a_read_of_the_attendee_list_is_on_record_and_a_read_of_the_event_is_not() {
        String eventId = EventApi.createEvent(5);
        String subject = subject("reader");
        String token = tokenOf(subject, "event-coordinator");
        given().auth().oauth2(token).when().get("/api/events/{id}", eventId).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/events/{id}/registrations", eventId).then().statusCode(200);
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].action", equalTo("READ"))
                .body("items[0].path", equalTo("/api/events/" + eventId + "/registrations"))
                .body("items[0].resourceId", equalTo(eventId));
    }

    @Test
    void marketers_and_analysts_see_events_but_not_who_registered() {
        String eventId = EventApi.createEvent(5);
        for (String role : new String[] { "marketer", "analyst" }) {
            given().auth().oauth2(DevTokens.forRole(role)).when().get("/api/events/{id}", eventId)
                    .then().statusCode(200);
            given().auth().oauth2(DevTokens.forRole(role)).when().get("/api/events/{id}/registrations", eventId)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
