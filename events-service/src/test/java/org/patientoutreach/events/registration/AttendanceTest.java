package org.patientoutreach.events.registration;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.events.EventApi.asCoordinator;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.events.EventApi;
import org.patientoutreach.schemas.EventRegistrationChanged;
import org.patientoutreach.testing.KafkaTestClient;

/** Check-in, a virtual meeting's attendance import, no-shows corrected after the event, filters and CSV export. */
@QuarkusTest
class AttendanceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void anAttendanceReportChecksInByRegistrationIdOrPatientIdAndReportsTheRestByLine() {
        String event = EventApi.createPublishedEvent(3);
        String byId = patient();
        String byPatient = patient();
        String absent = patient();
        String waiting = patient();
        String byIdRegistration = EventApi.register(event, byId).getString("id");
        EventApi.register(event, byPatient);
        EventApi.register(event, absent);
        EventApi.register(event, waiting);
        String report = "Name,Registration ID,Minutes\r\n"
                + "\"Guest, one\"," + byIdRegistration + ",55\r\n"
                + "\r\n"
                + "someone," + byPatient + ",40\r\n"
                + "stranger,patient-nobody-" + UUID.randomUUID() + ",12\r\n"
                + "late," + waiting + ",30\r\n";

        try (var changes = kafka.subscribe("events.registrations")) {
            asCoordinator().contentType("text/csv").body(report)
                    .when().post("/api/events/{e}/registrations/attendance-import", event)
                    .then().statusCode(200)
                    .body("rows", equalTo(4))
                    .body("checkedIn", equalTo(2))
                    .body("alreadyCheckedIn", equalTo(0))
                    .body("unknownLines", contains(5))
                    .body("linesWithoutSeat", contains(6));
            changes.await(r -> r.value() instanceof EventRegistrationChanged c
                    && c.getRegistrationId().equals(byIdRegistration) && c.getStatus().name().equals("CHECKED_IN"), WAIT);
        }
        // The same report again checks nobody in twice.
        asCoordinator().contentType("text/plain").body(report)
                .when().post("/api/events/{e}/registrations/attendance-import", event)
                .then().statusCode(200).body("checkedIn", equalTo(0)).body("alreadyCheckedIn", equalTo(2));

        asCoordinator().queryParam("status", "CHECKED_IN").when().get("/api/events/{e}/registrations", event)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.attendanceSource", contains("IMPORT", "IMPORT"))
                .body("items[0].checkedInAt", notNullValue());
        asCoordinator().queryParam("patientId", absent).when().get("/api/events/{e}/registrations", event)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].status", equalTo("REGISTERED"));
    }

    @Test
    void inPersonEventsTakeNoAttendanceImportAndAnEmptyReportIsA400() {
        Map<String, Object> body = EventApi.virtualEvent(5);
        body.put("format", "IN_PERSON");
        body.put("location", "12 Main Street");
        String inPerson = asCoordinator().contentType(ContentType.JSON).body(body).when().post("/api/events")
                .then().statusCode(201).extract().path("id");
        asCoordinator().contentType("text/csv").body("patientId\r\npatient-1\r\n")
                .when().post("/api/events/{e}/registrations/attendance-import", inPerson)
                .then().statusCode(409).contentType(PROBLEM).body("errors.field", hasItem("format"));
        String virtual = EventApi.createEvent(5);
        asCoordinator().contentType("text/csv").body("patientId\r\n\r\n")
                .when().post("/api/events/{e}/registrations/attendance-import", virtual)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("body"));
    }

    @Test
    void aNoShowCheckedInAfterTheEventCountsAsAttendance() {
        Map<String, Object> body = EventApi.virtualEvent(5);
        Instant start = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plus(1, ChronoUnit.HOURS).toString());
        String event = EventApi.publish(asCoordinator().contentType(ContentType.JSON).body(body)
                .when().post("/api/events").then().statusCode(201).extract().path("id"));
        String patient = patient();
        String registration = EventApi.register(event, patient).getString("id");
        asCoordinator().when().post("/api/events/{id}/complete", event).then().statusCode(200)
                .body("noShows", equalTo(1));

        try (var changes = kafka.subscribe("events.registrations")) {
            asCoordinator().when().post("/api/events/{e}/registrations/{r}/check-in", event, registration)
                    .then().statusCode(200)
                    .body("status", equalTo("CHECKED_IN"))
                    .body("attendanceSource", equalTo("STAFF"));
            changes.await(r -> r.value() instanceof EventRegistrationChanged c
                    && c.getRegistrationId().equals(registration) && c.getStatus().name().equals("CHECKED_IN"), WAIT);
        }
        asCoordinator().when().get("/api/events/{id}", event).then().statusCode(200)
                .body("checkedIn", equalTo(1)).body("noShows", equalTo(0));
    }

    @Test
    void theAttendeeListExportsAsCsvWithTheSameStatusFilter() {
        String event = EventApi.createEvent(1);
        String seatedPatient = patient();
        String waitingPatient = "-" + patient() + ",x";
        String seated = EventApi.register(event, seatedPatient).getString("id");
        EventApi.register(event, waitingPatient);

        String csv = asCoordinator().when().get("/api/events/{e}/registrations/export", event)
                .then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attendees-" + event + ".csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size(), csv);
        assertEquals(AttendeeCsv.HEADER, lines.get(0));
        assertTrue(lines.get(1).startsWith(seated + "," + seatedPatient + ",REGISTERED,,"), lines.get(1));
        // A cell a spreadsheet would run as a formula is defused, and one holding a comma is quoted.
        assertTrue(lines.get(2).contains(",\"'" + waitingPatient + "\",WAITLISTED,1,"), lines.get(2));

        String waitlistOnly = asCoordinator().queryParam("status", "WAITLISTED")
                .when().get("/api/events/{e}/registrations/export", event)
                .then().statusCode(200).extract().asString();
        assertEquals(2, waitlistOnly.lines().count(), waitlistOnly);
        asCoordinator().queryParam("status", "REGISTERED,WAITLISTED").when().get("/api/events/{e}/registrations", event)
                .then().statusCode(200).body("total", equalTo(2));
        asCoordinator().queryParam("status", "GONE").when().get("/api/events/{e}/registrations/export", event)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("status"));
    }

    private static String patient() {
        return "patient-" + UUID.randomUUID();
    }
}
