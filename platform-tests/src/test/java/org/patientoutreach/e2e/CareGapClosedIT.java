package org.patientoutreach.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.e2e.Platform.EMAILS;
import static org.patientoutreach.e2e.Platform.JOURNEYS;
import static org.patientoutreach.e2e.Platform.SEGMENTS;
import static org.patientoutreach.e2e.Platform.get;
import static org.patientoutreach.e2e.Platform.post;
import static org.patientoutreach.e2e.Platform.postUntilAccepted;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.GreenMailClient;

/**
 * The clinical point of withdrawing held emails, across the five packaged services: a reminder that waits for its
 * journey's send window is never sent once the EHR records that the care gap closed (the condition resolved, so the
 * patient leaves the segment and the journey exits on segment exit).
 */
class CareGapClosedIT {

    private static final String MARKETER = "marketer";
    private static final String INTEGRATION = "integration";
    /** Obesity (SNOMED): a condition no other story here segments on. */
    private static final String CONDITION = "414916001";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final GreenMailClient mail = new GreenMailClient();

    @Test
    void a_reminder_held_for_its_send_window_is_withdrawn_when_the_condition_resolves_and_never_sent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String patientId = UUID.randomUUID().toString();
        String conditionId = UUID.randomUUID().toString();
        String address = "pat." + run + "@lab.patientoutreach.local";
        post(SEGMENTS, INTEGRATION, "/api/fhir/bundles", bundle(patientId, conditionId, address, "active"), 200);

        String segmentId = post(SEGMENTS, MARKETER, "/api/segments", """
                {"name":"Weight care gap (%s)","description":"Care gap closed story",
                 "definition":{"rule":{"type":"hasFact","kind":"CONDITION","system":"http://snomed.info/sct","codes":["%s"]}}}"""
                .formatted(run, CONDITION), 201).getString("id");
        post(SEGMENTS, MARKETER, "/api/segments/" + segmentId + "/activate", null, 200);
        String emailId = post(EMAILS, MARKETER, "/api/emails", """
                {"name":"Weight check reminder %s","subject":"Time for your weight check, {{patient.firstName}}",
                 "htmlBody":"<p>Hello {{patient.firstName}}, please book your visit.</p><footer>{{sender.postalAddress}} <a href='{{unsubscribeUrl}}'>Unsubscribe</a></footer>",
                 "commercial":false,"fromName":"Riverside Clinic","senderPostalAddress":"12 Main St, Springfield, MA 01101"}"""
                .formatted(run), 201).getString("id");
        post(EMAILS, MARKETER, "/api/emails/" + emailId + "/ready", null, 200);

        // A one-hour window twelve hours from now in the patients' default timezone (the bundle gives none): closed now.
        ZonedDateTime opens = ZonedDateTime.now(ZoneId.of("America/New_York")).plusHours(12);
        String window = """
                {"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
                 "from":"%02d:00","until":"%02d:00"}""".formatted(opens.getHour(), (opens.getHour() + 1) % 24);
        if (opens.getHour() == 23) {
            window = window.replace("\"until\":\"00:00\"", "\"until\":\"23:59\"");
        }
        String journeyId = post(JOURNEYS, MARKETER, "/api/journeys", """
                {"name":"Weight check %s","entry":{"type":"SEGMENT","segmentId":"%s"},
                 "settings":{"exitOnSegmentExit":true,"sendWindow":%s},"startNodeId":"remind","nodes":[
                  {"id":"remind","type":"SEND_EMAIL","emailId":"%s","next":"wait"},
                  {"id":"wait","type":"WAIT","duration":"P7D","next":"done"},
                  {"id":"done","type":"EXIT"}]}""".formatted(run, segmentId, window, emailId), 201).getString("id");
        postUntilAccepted(JOURNEYS, MARKETER, "/api/journeys/" + journeyId + "/activate", null, 200, PATIENCE);

        JsonNode held = awaitSend(patientId, s -> "DEFERRED".equals(s.path("status").asText()));
        assertEquals("send-window", held.path("reason").asText(), "the reminder waits for the window to open");

        // The EHR records the condition resolved: the patient leaves the segment, the journey exits, the reminder goes.
        post(SEGMENTS, INTEGRATION, "/api/fhir/bundles", bundle(patientId, conditionId, address, "resolved"), 200);
        JsonNode withdrawn = awaitSend(patientId, s -> "SUPPRESSED".equals(s.path("status").asText()));
        assertEquals("JOURNEY_ENDED", withdrawn.path("reason").asText());
        assertEquals(held.path("requestId").asText(), withdrawn.path("requestId").asText());
        assertTrue(mail.inbox(address).isEmpty(), "the patient got no reminder for a gap that closed");
    }

    private static JsonNode awaitSend(String patientId, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            for (JsonNode send : get(EMAILS, MARKETER, "/api/sends?patientId=" + patientId).json().path("items")) {
                if (condition.test(send)) {
                    return send;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no send of patient " + patientId + " as expected within " + PATIENCE);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String bundle(String patientId, String conditionId, String address, String status) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%s","request":{"method":"POST","url":"Patient"},"resource":{
                  "resourceType":"Patient","name":[{"use":"official","given":["Pat"],"family":"Doe"}],
                  "telecom":[{"system":"email","value":"%s"}],"gender":"unknown","birthDate":"1970-01-01"}},
                 {"fullUrl":"urn:uuid:%s","request":{"method":"POST","url":"Condition"},"resource":{
                  "resourceType":"Condition",
                  "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                  "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},
                  "subject":{"reference":"urn:uuid:%s"},"onsetDateTime":"2024-03-01T09:00:00Z"}}]}"""
                .formatted(patientId, address, conditionId, status, CONDITION, patientId);
    }
}
