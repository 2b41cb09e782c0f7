package org.patientoutreach.events.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.events.EventApi.asCoordinator;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.testing.DevTokens;

/** The .ics invite of each registration, read back with a calendar parser as a patient's calendar would. */
@QuarkusTest
class RegistrationCalendarTest {

    @Test
    void aSeatedRegistrationsInviteIsAConfirmedEventWithTheEventsTimesPlaceAndAgenda() {
        String event = EventApi.createPublishedEvent(5);
        JsonPath view = EventApi.event(event);
        String patient = "patient-" + UUID.randomUUID();
        String registration = EventApi.register(event, patient).getString("id");

        String ics = asCoordinator().when().get("/api/events/{e}/registrations/{r}/calendar.ics", event, registration)
                .then().statusCode(200)
                .contentType(containsString("text/calendar"))
                .extract().asString();
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics);
        assertTrue(ics.contains("\r\nVERSION:2.0\r\n"), ics);
        assertFalse(ics.contains(patient), "the invite names the event, never the patient");

        VEvent entry = parse(ics);
        assertEquals(registration + "@events.patientoutreach", entry.getUid().getValue());
        assertEquals("Eye health webinar", entry.getSummary().getValue());
        assertEquals(Instant.parse(view.getString("startsAt")), entry.getDateStart().getValue().toInstant());
        assertEquals(Instant.parse(view.getString("endsAt")), entry.getDateEnd().getValue().toInstant());
        assertEquals("CONFIRMED", entry.getStatus().getValue());
        assertEquals("https://meet.example.org/eye-health", entry.getUrl().getValue());
        assertTrue(entry.getDescription().getValue().contains("Join online: https://meet.example.org/eye-health"));
    }

    @Test
    void aWaitlistedInviteIsTentativeAndACancelledOneCancelsTheSameEntryWithAHigherSequence() {
        String event = EventApi.createPublishedEvent(1);
        EventApi.register(event, "patient-" + UUID.randomUUID());
        String waiting = EventApi.register(event, "patient-" + UUID.randomUUID()).getString("id");

        VEvent tentative = parse(calendar(event, waiting));
        assertEquals("TENTATIVE", tentative.getStatus().getValue());
        asCoordinator().when().delete("/api/events/{e}/registrations/{r}", event, waiting).then().statusCode(200);
        VEvent cancelled = parse(calendar(event, waiting));
        assertEquals("CANCELLED", cancelled.getStatus().getValue());
        assertEquals(tentative.getUid().getValue(), cancelled.getUid().getValue());
        assertTrue(cancelled.getSequence().getValue() > tentative.getSequence().getValue());
    }

    @Test
    void thePatientsOwnLinkDownloadsTheirInviteAndAForgedOneDoesNot() {
        String event = EventApi.createPublishedEvent(5);
        String patient = "patient-" + UUID.randomUUID();
        String token = given().auth().oauth2(DevTokens.forRole("marketer")).contentType(ContentType.JSON)
                .body(Map.of("patientId", patient)).when().post("/api/events/{id}/invitations", event)
                .then().statusCode(201).extract().path("token");
        given().queryParam("token", token).when().get("/api/public/events/{e}/registrations/calendar.ics", event)
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("token", token).when().post("/api/public/events/{e}/registrations", event)
                .then().statusCode(201);

        String ics = given().queryParam("token", token)
                .when().get("/api/public/events/{e}/registrations/calendar.ics", event)
                .then().statusCode(200).extract().asString();
        assertEquals("CONFIRMED", parse(ics).getStatus().getValue());
        given().queryParam("token", token.substring(0, token.length() - 2) + "xx")
                .when().get("/api/public/events/{e}/registrations/calendar.ics", event)
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static String calendar(String event, String registration) {
        return asCoordinator().when().get("/api/events/{e}/registrations/{r}/calendar.ics", event, registration)
                .then().statusCode(200).extract().asString();
    }

    private static VEvent parse(String ics) {
        ICalendar calendar = Biweekly.parse(ics).first();
        assertNotNull(calendar, ics);
        assertEquals(1, calendar.getEvents().size(), ics);
        return calendar.getEvents().get(0);
    }
}
