package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.PROFILES;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.awaitContact;
import static org.patientoutreach.emails.TestData.awaitSend;
import static org.patientoutreach.emails.TestData.commercialRequest;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.profile;
import static org.patientoutreach.emails.TestData.readyEmail;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueAddress;
import static org.patientoutreach.emails.TestData.uniqueFirstName;
import static org.patientoutreach.emails.TestData.uniqueId;
import static org.patientoutreach.emails.TestData.zoneWhereItIsNow;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Commercial email against real Kafka, PostgreSQL and SMTP: it needs recorded consent, is capped per patient in
 * rolling windows (2 per 24 h, 5 per 7 days in application.properties) and waits out the patient's quiet hours
 * (21:00 to 08:00 local). Patients live in fixed-offset zones chosen so the test holds at any time of day.
 */
@QuarkusTest
class ConsentCapsQuietHoursTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DAYTIME = zoneWhereItIsNow(13);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private final GreenMailClient greenMail = new GreenMailClient();

    @Test
    void aCommercialEmailNeedsRecordedConsentWhileACareEmailDoesNot() {
        String marketing = readyEmail("Our new clinic", "<p>Hi {{patient.firstName}}</p>", null, true);
        String care = readyEmail("Your results are ready", "<p>Hi {{patient.firstName}}</p>", null, false);
        String refused = patient(false, DAYTIME);
        String unknown = patient(null, DAYTIME);
        String consenting = patient(true, DAYTIME);

        assertEquals("NO_CONSENT", suppressedReason(request(commercialRequest(uniqueId(), marketing, refused))));
        assertEquals("NO_CONSENT", suppressedReason(request(commercialRequest(uniqueId(), marketing, unknown))),
                "consent not recorded counts as no consent");
        assertEquals(DeliveryEventType.SENT, request(commercialRequest(uniqueId(), marketing, consenting)).getType());
        assertEquals(DeliveryEventType.SENT, request(sendRequest(uniqueId(), care, refused)).getType(),
                "care email does not depend on marketing consent");
        assertEquals(DeliveryEventType.SENT, request(sendRequest(uniqueId(), marketing, consenting)).getType(),
                "the template's commercial flag counts even when the request does not set it");
    }

    @Test
    void theThirdCommercialEmailInADayIsSkippedAndReportedAsFrequencyCapped() {
        String marketing = readyEmail("Flu shots", "<p>Hi {{patient.firstName}}</p>", null, true);
        String care = readyEmail("Appointment reminder", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patient(true, DAYTIME);
        String address = addressOf(patientId);

        assertEquals(DeliveryEventType.SENT, request(commercialRequest(uniqueId(), marketing, patientId)).getType());
        assertEquals(DeliveryEventType.SENT, request(commercialRequest(uniqueId(), marketing, patientId)).getType());
        EmailDeliveryEvent third = request(commercialRequest(uniqueId(), marketing, patientId));
        assertEquals(DeliveryEventType.SUPPRESSED, third.getType());
        assertEquals("frequency-cap", third.getReason());
        assertEquals(DeliveryEventType.SENT, request(sendRequest(uniqueId(), care, patientId)).getType(),
                "caps count and limit commercial email only");
        assertEquals(3, greenMail.awaitInbox(address, 3, WAIT).size());
    }

    @Test
    void requestsArrivingTogetherAreCappedAsIfOneCameAfterTheOther() {
        String marketing = readyEmail("Spring newsletter", "<p>Hi {{patient.firstName}}</p>", null, true);
        String patientId = patient(true, DAYTIME);
        List<String> requestIds = List.of(uniqueId(), uniqueId(), uniqueId(), uniqueId());

        List<EmailDeliveryEvent> outcomes = new ArrayList<>();
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // Sent at once, they are accepted together (one intake batch, as far as timing allows).
            requestIds.forEach(id -> kafka.send(SEND_REQUESTS, patientId, commercialRequest(id, marketing, patientId)));
            for (String id : requestIds) {
                outcomes.add((EmailDeliveryEvent) events.await(deliveryFor(id), WAIT).value());
            }
        }
        assertEquals(2, outcomes.stream().filter(e -> e.getType() == DeliveryEventType.SENT).count(),
                "two per day, however the requests were batched");
        assertEquals(2, outcomes.stream().filter(e -> "frequency-cap".equals(e.getReason())).count());
        assertEquals(2, greenMail.awaitInbox(addressOf(patientId), 2, WAIT).size());
    }

    @Test
    void aCommercialEmailDuringQuietHoursIsDeferredToTheirEndAndThenSent() {
        String marketing = readyEmail("Eye health week", "<p>Hi {{patient.firstName}}</p>", null, true);
        String care = readyEmail("Lab result", "<p>Hi {{patient.firstName}}</p>", null, false);
        String night = zoneWhereItIsNow(2);
        String patientId = patient(true, night);
        String address = addressOf(patientId);
        String deferred = uniqueId();
        Instant before = Instant.now();

        kafka.send(SEND_REQUESTS, patientId, commercialRequest(deferred, marketing, patientId));
        EmailSend waiting = awaitSend(deferred, s -> s.status == SendStatus.DEFERRED, WAIT);
        assertEquals("quiet-hours", waiting.reason);
        Instant eightLocal = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
                .deferUntil(before, ZoneId.of(night)).orElseThrow();
        assertEquals(eightLocal, waiting.dueAt, "due when the quiet hours end in the patient's zone");
        assertEquals(DeliveryEventType.SENT, request(sendRequest(uniqueId(), care, patientId)).getType(),
                "care email is not held back by quiet hours");
        assertEquals(1, greenMail.inbox(address).size(), "only the care email went out");

        // Due while it is still night for the patient (as a send that waited for a profile or a retry can be): the
        // claim looks at the clock again and holds it until morning rather than sending it.
        Instant dueAtNight = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> EmailSend.update("dueAt = ?1 where requestId = ?2", dueAtNight,
                deferred));
        EmailSend heldAgain = awaitSend(deferred, s -> s.dueAt.isAfter(dueAtNight.plusSeconds(3600)), WAIT);
        assertEquals(SendStatus.DEFERRED, heldAgain.status);
        assertEquals("quiet-hours", heldAgain.reason);
        assertEquals(0, heldAgain.attempts);
        assertEquals(1, greenMail.inbox(address).size(), "still only the care email");

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // The morning comes (here: the patient's zone becomes one where it is morning now) and the durable
            // deferral is picked up by the dispatcher like any due send.
            QuarkusTransaction.requiringNew().run(() -> {
                PatientContact.update("timezone = ?1 where patientId = ?2", zoneWhereItIsNow(10), patientId);
                EmailSend.update("dueAt = ?1 where requestId = ?2", Instant.now(), deferred);
            });
            EmailDeliveryEvent sent = (EmailDeliveryEvent) events.await(deliveryFor(deferred), WAIT).value();
            assertEquals(DeliveryEventType.SENT, sent.getType());
        }
        assertEquals(2, greenMail.awaitInbox(address, 2, WAIT).size());
    }

    private EmailDeliveryEvent request(EmailSendRequested request) {
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, request.getPatientId(), request);
            return (EmailDeliveryEvent) events.await(deliveryFor(request.getRequestId()), WAIT).value();
        }
    }

    private static String suppressedReason(EmailDeliveryEvent event) {
        assertEquals(DeliveryEventType.SUPPRESSED, event.getType());
        return event.getReason();
    }

    private static String patient(Boolean consent, String timezone) {
        String patientId = uniqueId();
        PatientProfile profile = profile(patientId, uniqueFirstName(), uniqueAddress())
                .setEmailConsent(consent).setTimezone(timezone).build();
        kafka.send(PROFILES, patientId, profile);
        awaitContact(patientId, contact -> true, WAIT);
        return patientId;
    }

    private static String addressOf(String patientId) {
        return awaitContact(patientId, contact -> true, WAIT).email;
    }
}
