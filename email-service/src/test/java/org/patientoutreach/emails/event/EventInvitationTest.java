package org.patientoutreach.emails.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.PROFILES;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.awaitContact;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.profile;
import static org.patientoutreach.emails.TestData.readyEmail;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueAddress;
import static org.patientoutreach.emails.TestData.uniqueFirstName;
import static org.patientoutreach.emails.TestData.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.links.LinkPurposes;
import org.patientoutreach.commons.links.SignedLinks;
import org.patientoutreach.emails.TestData;
import org.patientoutreach.emails.engagement.Mime;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.EventCatalogEntry;
import org.patientoutreach.schemas.EventStatus;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/** Invitations render the event from the events.catalog projection, with the patient's own registration link. */
@QuarkusTest
class EventInvitationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CATALOG = "events.catalog";
    // 2030-03-05T23:00Z is 6:00 PM in New York (EST)
    private static final Instant STARTS = Instant.parse("2030-03-05T23:00:00Z");
    private static final String INVITATION = "<p>Hi {{patient.firstName ?: 'there'}}, join {{event.title}} on "
            + "{{event.startsAt}}{{#if event.venue}} at {{event.venue}}{{/if}}.</p>"
            + "<p><a href=\"{{event.registrationUrl}}\">Register</a></p>";

    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private final GreenMailClient greenMail = new GreenMailClient();

    @Inject
    SignedLinks links;

    @Test
    void anInvitationShowsTheEventInItsTimezoneAndAPersonalRegistrationLink() {
        String eventId = publishedEvent(EventStatus.PUBLISHED);
        String emailId = readyEmail("Invitation: {{event.title}}", INVITATION, null);
        String patientId = uniqueId();
        String address = uniqueAddress();
        kafka.send(PROFILES, patientId, profile(patientId, uniqueFirstName(), address).build());
        awaitContact(patientId, contact -> true, WAIT);

        assertEquals(DeliveryEventType.SENT, request(invitation(emailId, patientId, eventId)).getType());

        GreenMailClient.Mail mail = greenMail.awaitInbox(address, 1, WAIT).get(0);
        assertEquals("Invitation: Glaucoma talk " + eventId.substring(0, 8), mail.subject());
        String html = Mime.parse(mail.mimeMessage()).html();
        assertTrue(html.contains("on Tuesday, March 5, 2030 at 6:00 PM EST at Riverside Eye Clinic."), html);
        // The registration link goes through click tracking; the destination carries the patient's signed token.
        Matcher token = Pattern.compile("register%3Ftoken%3D([A-Za-z0-9_.-]+)").matcher(html.replace("%2E", "."));
        assertTrue(token.find(), "the registration link with its token is in the email");
        SignedLinks.Grant grant = links.verify(token.group(1), LinkPurposes.EVENT_REGISTRATION);
        assertEquals(patientId, grant.patientId());
        assertEquals(eventId, grant.resourceId());
        assertTrue(grant.expiresAt().isAfter(STARTS.minus(1, ChronoUnit.MINUTES)), "valid until the event starts");
    }

    @Test
    void anInvitationToACancelledOrUnknownEventIsNotSent() {
        String cancelled = publishedEvent(EventStatus.CANCELLED);
        String emailId = readyEmail("Invitation: {{event.title}}", INVITATION, null);
        String patientId = uniqueId();
        kafka.send(PROFILES, patientId, profile(patientId, uniqueFirstName(), uniqueAddress()).build());
        awaitContact(patientId, contact -> true, WAIT);

        assertEquals("EVENT_CANCELLED", request(invitation(emailId, patientId, cancelled)).getReason());
        assertEquals("EVENT_UNKNOWN", request(invitation(emailId, patientId, uniqueId())).getReason());
    }

    @Test
    void aPreviewShowsTheEventWithoutSendingAnything() {
        String eventId = publishedEvent(EventStatus.PUBLISHED);
        String emailId = TestData.draftEmail("Invitation: {{event.title}}", INVITATION, null);
        String patientId = uniqueId();
        kafka.send(PROFILES, patientId, profile(patientId, "Ann", uniqueAddress()).build());
        awaitContact(patientId, contact -> true, WAIT);

        asMarketer().contentType(ContentType.JSON)
                .body(Map.of("patientId", patientId, "context", Map.of("eventId", eventId)))
                .post("/api/emails/{id}/preview", emailId).then().statusCode(200)
                .body("subject", startsWith("Invitation: Glaucoma talk"))
                .body("htmlBody", containsString("Hi Ann, join Glaucoma talk"))
                .body("htmlBody", containsString("/register?token="));
    }

    private static EmailSendRequested invitation(String emailId, String patientId, String eventId) {
        EmailSendRequested request = sendRequest(uniqueId(), emailId, patientId);
        request.setContext(Map.of("eventId", eventId));
        return request;
    }

    private EmailDeliveryEvent request(EmailSendRequested request) {
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, request.getPatientId(), request);
            return (EmailDeliveryEvent) events.await(deliveryFor(request.getRequestId()), WAIT).value();
        }
    }

    /** Publishes an event as events-service would and waits until this service holds it. */
    private static String publishedEvent(EventStatus status) {
        String eventId = uniqueId();
        kafka.send(CATALOG, eventId, EventCatalogEntry.newBuilder()
                .setEventId(eventId)
                .setTitle("Glaucoma talk " + eventId.substring(0, 8))
                .setStatus(status)
                .setFormat("IN_PERSON")
                .setStartsAt(STARTS)
                .setEndsAt(STARTS.plus(1, ChronoUnit.HOURS))
                .setTimezone("America/New_York")
                .setVenue("Riverside Eye Clinic")
                .setRegistrationUrl("http://127.0.0.1:8084/api/public/events/" + eventId + "/register")
                .setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build());
        Instant deadline = Instant.now().plus(WAIT);
        while (QuarkusTransaction.requiringNew().call(() -> CatalogEvent.findById(eventId)) == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("event " + eventId + " not in the catalog within " + WAIT);
            }
            TestData.sleep(100);
        }
        return eventId;
    }
}
