package org.patientoutreach.e2e;

import static org.patientoutreach.e2e.Platform.EMAILS;
import static org.patientoutreach.e2e.Platform.EVENTS;
import static org.patientoutreach.e2e.Platform.JOURNEYS;
import static org.patientoutreach.e2e.Platform.SEGMENTS;
import static org.patientoutreach.e2e.Platform.TRIGGERS;
import static org.patientoutreach.e2e.Platform.get;
import static org.patientoutreach.e2e.Platform.post;
import static org.patientoutreach.e2e.Platform.postUntilAccepted;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.patientoutreach.e2e.LabPopulation.Person;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.GreenMailClient.Mail;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * The seed lab, step by step, through the public APIs and Kafka only. Every step checks its outcome and throws
 * {@link AssertionError} when the platform does something else; {@code say} receives a line per step, so the same
 * story is the end-to-end test and the narrated demo.
 */
final class LabStory {

    private static final String INTEGRATION = "integration";
    private static final String MARKETER = "marketer";
    private static final String EVENT_COORDINATOR = "event-coordinator";

    /** How long a step may take before the story calls it broken: generous, since CI machines are loaded. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How long we watch the other inboxes for mail that must not come. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(3);

    /** What the story measured, for the test report and the demo's summary. */
    record Outcome(String segmentId, String journeyId, String eventId, String triggerId, String triggerJourneyId,
            Duration checkInToEmail, Duration warmCheckInToEmail, Person elizabeth) {
    }

    private final Consumer<String> say;
    private final GreenMailClient mail = new GreenMailClient();
    final LabPopulation population = new LabPopulation();

    LabStory(Consumer<String> say) {
        this.say = say;
    }

    Outcome run() {
        Person elizabeth = population.elizabeth;

        say.accept("1. Load the lab population (" + population.everyone().size() + " patients, run " + population.runId
                + ") into segments-service as a FHIR R4 bundle");
        var imported = post(SEGMENTS, INTEGRATION, "/api/fhir/bundles", population.bundle(), 200);
        expect(imported.getInt("patients") == population.everyone().size(), "all patients imported");

        say.accept("2. Create the segment 'Patients with hypermetropia' (SNOMED " + LabPopulation.HYPERMETROPIA + ")");
        String segmentId = post(SEGMENTS, MARKETER, "/api/segments", """
                {"name":"Patients with hypermetropia (%s)","description":"Lab story",
                 "definition":{"rule":{"type":"hasFact","kind":"CONDITION","system":"http://snomed.info/sct","codes":["%s"]}}}"""
                .formatted(population.runId, LabPopulation.HYPERMETROPIA), 201).getString("id");
        int preview = get(SEGMENTS, MARKETER, "/api/segments/" + segmentId + "/preview").getInt("size");
        say.accept("   preview: " + preview + " living patient(s) with an active hypermetropia condition (all runs)");

        say.accept("3. Write the email 'Your eye health' with {{patient.firstName}} and mark it ready");
        String emailId = createEmail("Your eye health, {{patient.firstName}}",
                "<p>Hello {{patient.firstName}},</p><p>it is time for your yearly eye examination.</p>");

        say.accept("4. Make the segment live, design a segment-based journey (send the email, then exit); go live");
        var evaluation = post(SEGMENTS, MARKETER, "/api/segments/" + segmentId + "/activate", null, 200);
        say.accept("   segment live: " + evaluation.getInt("members") + " member(s), " + evaluation.getInt("entered")
                + " entered");
        String journeyId = createJourney("Eye health outreach " + population.runId,
                "{\"type\":\"SEGMENT\",\"segmentId\":\"" + segmentId + "\"}", emailId);
        // Go-live checks that the segment is LIVE and the email READY in journey-service's catalogs, which follow
        // segments.catalog and emails.catalog: retried until that news has come through Kafka.
        postUntilAccepted(JOURNEYS, MARKETER, "/api/journeys/" + journeyId + "/activate", null, 200, PATIENCE);

        List<Mail> inbox = mail.awaitInbox(elizabeth.email(), 1, PATIENCE);
        expect(inbox.get(0).subject().contains("Elizabeth"), "Elizabeth's email is personalised with her first name");
        say.accept("   Elizabeth's inbox: \"" + inbox.get(0).subject() + "\"");
        sleep(QUIET_PERIOD);
        for (Person other : population.outsideTheSegment()) {
            expect(mail.inbox(other.email()).isEmpty(), other.given() + " is outside the segment and got no email");
        }
        expect(mail.inbox(elizabeth.email()).size() == 1, "Elizabeth got exactly one email");
        say.accept("   nobody outside the segment got one (resolved condition, other condition, none, deceased)");

        say.accept("5. Create a virtual provider event and register Elizabeth");
        Instant start = Instant.now().plus(Duration.ofDays(14));
        String eventId = post(EVENTS, EVENT_COORDINATOR, "/api/events", """
                {"title":"Living well with your eyes","sponsor":"PROVIDER","format":"VIRTUAL",
                 "startsAt":"%s","endsAt":"%s","timezone":"America/New_York","capacity":50,
                 "joinUrl":"https://events.patientoutreach.local/eyes"}"""
                .formatted(start, start.plus(Duration.ofHours(1))), 201).getString("id");
        String registration = post(EVENTS, EVENT_COORDINATOR, "/api/events/" + eventId + "/registrations",
                "{\"patientId\":\"" + elizabeth.id() + "\"}", 201).getString("status");
        expect("REGISTERED".equals(registration), "Elizabeth is registered");
        say.accept("   registration: " + registration);

        say.accept("6. Define the trigger 'checked in at Ophthalmology' and a trigger-based follow-up journey");
        String triggerId = post(TRIGGERS, MARKETER, "/api/triggers", """
                {"name":"Checked in at ophthalmology (%s)","interactionType":"CHECKED_IN",
                 "conditions":{"department":"Ophthalmology"}}""".formatted(population.runId), 201).getString("id");
        String followUpId = createEmail("Thank you for your visit, {{patient.firstName}}",
                "<p>Dear {{patient.firstName}}, thank you for visiting Ophthalmology today.</p>");
        String triggerJourneyId = createJourney("Check-in follow-up " + population.runId,
                "{\"type\":\"TRIGGER\",\"triggerId\":\"" + triggerId + "\"}", followUpId);
        postUntilAccepted(JOURNEYS, MARKETER, "/api/journeys/" + triggerJourneyId + "/activate", null, 200, PATIENCE);

        say.accept("7. The EHR publishes Elizabeth's CHECKED_IN at Ophthalmology to ehr.patient-interactions");
        Duration latency;
        Duration warmLatency;
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            latency = checkIn(kafka, elizabeth, 2);
            say.accept("   follow-up arrived " + latency.toMillis() + " ms after the broker acknowledged the check-in"
                    + " (first use of this path: schema look-ups, connections)");
            expect(mail.inbox(elizabeth.email()).stream().filter(m -> m.subject().startsWith("Thank you"))
                    .allMatch(m -> m.subject().contains("Elizabeth")), "the follow-up is personalised");
            warmLatency = checkIn(kafka, elizabeth, 3);
            say.accept("   a later visit: follow-up arrived " + warmLatency.toMillis() + " ms after its check-in");
        }
        return new Outcome(segmentId, journeyId, eventId, triggerId, triggerJourneyId, latency, warmLatency, elizabeth);
    }

    /** Publishes a check-in and waits until the inbox holds {@code expectedMails}; returns ack-to-inbox time. */
    private Duration checkIn(KafkaTestClient kafka, Person patient, int expectedMails) {
        Instant now = Instant.now();
        kafka.send("ehr.patient-interactions", patient.id(), PatientInteraction.newBuilder()
                .setInteractionId(UUID.randomUUID().toString())
                .setPatientId(patient.id())
                .setType(InteractionType.CHECKED_IN)
                .setOccurredAt(now)
                .setSource("lab-ehr")
                .setFacility("Main Street Clinic")
                .setDepartment("Ophthalmology")
                .setAttributes(Map.of())
                .build());
        Instant acknowledged = Instant.now();
        List<Mail> inbox = mail.awaitInbox(patient.email(), expectedMails, PATIENCE);
        Duration latency = Duration.between(acknowledged, Instant.now());
        expect(inbox.size() == expectedMails, "exactly one follow-up per check-in");
        return latency;
    }

    private String createEmail(String subject, String html) {
        // Ready requires the sender's postal address and an unsubscribe link in every body (CAN-SPAM style footer).
        String footer = "<footer>{{sender.postalAddress}} <a href='{{unsubscribeUrl}}'>Unsubscribe</a></footer>";
        String id = post(EMAILS, MARKETER, "/api/emails", """
                {"name":"%s","subject":"%s","htmlBody":"%s","commercial":false,"fromName":"Riverside Eye Clinic",
                 "senderPostalAddress":"12 Main St, Springfield, MA 01101"}"""
                .formatted(subject.replace("{{patient.firstName}}", "first name") + " " + population.runId, subject,
                        html + footer), 201).getString("id");
        post(EMAILS, MARKETER, "/api/emails/" + id + "/ready", null, 200);
        return id;
    }

    private String createJourney(String name, String entry, String emailId) {
        return post(JOURNEYS, MARKETER, "/api/journeys", """
                {"name":"%s","entry":%s,"startNodeId":"send","nodes":[
                  {"id":"send","type":"SEND_EMAIL","emailId":"%s","next":"done"},
                  {"id":"done","type":"EXIT"}]}""".formatted(name, entry, emailId), 201).getString("id");
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("expected: " + what);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
