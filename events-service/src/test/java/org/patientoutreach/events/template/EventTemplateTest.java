package org.patientoutreach.events.template;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.events.EventApi.asCoordinator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.testing.DevTokens;

/** Shipped provider and payer templates, a draft made from one, edited and published. */
@QuarkusTest
class EventTemplateTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void threeProviderAndThreePayerTemplatesAreShipped() {
        asCoordinator().when().get("/api/event-templates")
                .then().statusCode(200)
                .body("total", equalTo(6))
                .body("items.key", hasItems("community-health-seminar", "condition-education-webinar",
                        "vaccination-clinic", "medicare-enrollment-session", "member-benefits-orientation",
                        "wellness-program-kickoff"));
        asCoordinator().queryParam("sponsor", "PAYER").when().get("/api/event-templates")
                .then().statusCode(200).body("total", equalTo(3)).body("items.sponsor", everyItem(equalTo("PAYER")));
        io.restassured.RestAssured.given().auth().oauth2(DevTokens.forRole("marketer"))
                .when().get("/api/event-templates/{key}", "vaccination-clinic")
                .then().statusCode(200)
                .body("type", equalTo("VACCINATION_CLINIC"))
                .body("format", equalTo("IN_PERSON"))
                .body("defaultCapacity", equalTo(200))
                .body("registrationQuestions.key", hasItem("vaccine"));
        asCoordinator().when().get("/api/event-templates/{key}", "no-such-template")
                .then().statusCode(404).contentType(PROBLEM);
        asCoordinator().queryParam("sponsor", "EMPLOYER").when().get("/api/event-templates")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("sponsor"));
    }

    @Test
    void aDraftFromTheHypermetropiaWebinarTemplateIsPrefilledThenEditedAndPublished() {
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonPath draft = asCoordinator().contentType(ContentType.JSON)
                .body(Map.of("startsAt", start.toString(), "timezone", "America/Chicago"))
                .when().post("/api/event-templates/{key}/events", "condition-education-webinar")
                .then().statusCode(201)
                .header("Location", containsString("/api/events/"))
                .body("status", equalTo("DRAFT"))
                .body("templateKey", equalTo("condition-education-webinar"))
                .body("sponsor", equalTo("PROVIDER"))
                .body("type", equalTo("EDUCATION_WEBINAR"))
                .body("format", equalTo("VIRTUAL"))
                .body("title", equalTo("Understanding hypermetropia (farsightedness)"))
                .body("description", notNullValue())
                .body("capacity", equalTo(300))
                .body("timezone", equalTo("America/Chicago"))
                .body("startsAt", equalTo(start.toString()))
                .body("endsAt", equalTo(start.plus(60, ChronoUnit.MINUTES).toString()))
                .body("sessions.title", contains("What is hypermetropia?", "Diagnosis and treatment options",
                        "Live questions to the ophthalmologist"))
                .body("sessions[1].startsAt", equalTo(start.plus(15, ChronoUnit.MINUTES).toString()))
                .body("registrationQuestions.key", contains("question-for-speaker", "recording-wanted"))
                .extract().jsonPath();
        String id = draft.getString("id");

        // The template has no meeting URL yet: publishing names it.
        asCoordinator().when().post("/api/events/{id}/publish", id)
                .then().statusCode(409).body("errors.field", equalTo(List.of("joinUrl")));

        // Edit it like any event: the meeting URL, a smaller room, and a speaker for the first session.
        Map<String, Object> edit = new HashMap<>(draft.getMap(""));
        edit.put("joinUrl", "https://meet.example.org/hypermetropia");
        edit.put("capacity", 150);
        List<Map<String, Object>> sessions = draft.getList("sessions");
        sessions.get(0).put("speakers", List.of(Map.of("name", "Dr. Ana Ortiz", "role", "Ophthalmologist",
                "organization", "Springfield Eye Clinic")));
        edit.put("sessions", sessions);
        asCoordinator().contentType(ContentType.JSON).body(edit).when().put("/api/events/{id}", id)
                .then().statusCode(200)
                .body("capacity", equalTo(150))
                .body("templateKey", equalTo("condition-education-webinar"))
                .body("sessions[0].speakers[0].name", equalTo("Dr. Ana Ortiz"))
                .body("sessions[2].title", equalTo("Live questions to the ophthalmologist"));

        asCoordinator().when().post("/api/events/{id}/publish", id)
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        assertEquals("https://meet.example.org/hypermetropia", EventApi.event(id).getString("joinUrl"));
    }

    @Test
    void aTemplateRequestIsCheckedLikeAnyEvent() {
        asCoordinator().contentType(ContentType.JSON).body(Map.of("timezone", "UTC"))
                .when().post("/api/event-templates/{key}/events", "vaccination-clinic")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("startsAt"));
        Map<String, Object> badZone = Map.of("startsAt", "2027-05-01T14:00:00Z", "timezone", "Mars/Olympus_Mons");
        asCoordinator().contentType(ContentType.JSON).body(badZone)
                .when().post("/api/event-templates/{key}/events", "vaccination-clinic")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("timezone"));
        asCoordinator().contentType(ContentType.JSON).body(Map.of("startsAt", "2027-05-01T14:00:00Z"))
                .when().post("/api/event-templates/{key}/events", "no-such-template")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aSessionOutsideTheEventIsA400NamingTheSession() {
        Map<String, Object> body = EventApi.virtualEvent(10);
        Instant start = Instant.parse((String) body.get("startsAt"));
        body.put("sessions", List.of(
                Map.of("title", "Welcome", "startsAt", start.toString(),
                        "endsAt", start.plus(10, ChronoUnit.MINUTES).toString()),
                Map.of("title", "Too late", "startsAt", start.plus(50, ChronoUnit.MINUTES).toString(),
                        "endsAt", start.plus(2, ChronoUnit.HOURS).toString())));
        asCoordinator().contentType(ContentType.JSON).body(body).when().post("/api/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("sessions[1].endsAt"));
    }
}
