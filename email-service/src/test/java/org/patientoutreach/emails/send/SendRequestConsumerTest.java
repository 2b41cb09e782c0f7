package org.patientoutreach.emails.send;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData;
import org.patientoutreach.emails.engagement.Mime;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class SendRequestConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private final GreenMailClient greenMail = new GreenMailClient();

    @Test
    void sendsOnePersonalizedMailAndPublishesSent() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String firstName = "Zoë-" + uniqueFirstName(); // not ASCII: the subject travels as an RFC 2047 encoded word
        String emailId = readyEmail("Hello {{patient.firstName}}", "<p>Hello {{ patient.firstName }}, event {{context.eventId}}</p>",
                "Hello {{patient.firstName}}");
        knownPatient(profile(patientId, firstName, address).build());
        String requestId = uniqueId();

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, patientId, sendRequest(requestId, emailId, patientId));

            EmailDeliveryEvent event = (EmailDeliveryEvent) events.await(deliveryFor(requestId), WAIT).value();
            assertEquals(DeliveryEventType.SENT, event.getType());
            assertEquals(emailId, event.getEmailId());
            assertEquals(patientId, event.getPatientId());
            assertNotNull(event.getEventId());
        }
        List<GreenMailClient.Mail> inbox = greenMail.awaitInbox(address, 1, WAIT);
        assertEquals(1, inbox.size());
        assertEquals("Hello " + firstName, inbox.get(0).subject(), "decoded by the SMTP server's own MIME parser");
        assertTrue(Mime.parse(inbox.get(0).mimeMessage()).html()
                .contains("Hello " + firstName + ", event event-" + requestId),
                "the HTML body carries the patient's first name and the request's context");

        asMarketer().queryParam("patientId", patientId).get("/api/sends").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].requestId", equalTo(requestId))
                .body("items[0].emailId", equalTo(emailId))
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].sentAt", notNullValue())
                .body("items[0].reason", nullValue());
    }

    @Test
    void aRedeliveredRequestSendsNothingMore() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String emailId = readyEmail("Reminder", "<p>Hi {{patient.firstName}}</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), address).build());
        String first = uniqueId();
        String later = uniqueId();

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, patientId, sendRequest(first, emailId, patientId));
            events.await(deliveryFor(first), WAIT);
            kafka.send(SEND_REQUESTS, patientId, sendRequest(first, emailId, patientId));
            // Same key, same partition: once the later request is done, the duplicate before it has been handled too.
            kafka.send(SEND_REQUESTS, patientId, sendRequest(later, emailId, patientId));
            events.await(deliveryFor(later), WAIT);

            long eventsForFirst = events.drain(Duration.ofMillis(300)).stream().filter(deliveryFor(first)).count();
            assertEquals(1, eventsForFirst, "one delivery event per request id");
        }
        assertEquals(2, greenMail.inbox(address).size(), "the duplicate request sent no second mail");
        asMarketer().queryParam("patientId", patientId).get("/api/sends").then().body("total", equalTo(2));
    }

    @Test
    void aSuppressedPatientGetsNoMailAndASuppressedEvent() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String emailId = readyEmail("News", "<p>Hi {{patient.firstName}}</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), address).build());
        asMarketer().contentType(ContentType.JSON).body(Map.of("patientId", patientId, "reason", "UNSUBSCRIBED"))
                .post("/api/suppressions").then().statusCode(201);
        String requestId = uniqueId();

        EmailDeliveryEvent event = requestAndAwait(requestId, emailId, patientId);

        assertEquals(DeliveryEventType.SUPPRESSED, event.getType());
        assertEquals("UNSUBSCRIBED", event.getReason());
        // The event is published after the transaction that would have sent the mail: none went out.
        assertEquals(0, greenMail.inbox(address).size());
        asMarketer().queryParam("patientId", patientId).get("/api/sends").then()
                .body("items[0].status", equalTo("SUPPRESSED"))
                .body("items[0].reason", equalTo("UNSUBSCRIBED"))
                .body("items[0].sentAt", nullValue());
    }

    @Test
    void aDraftEmailIsNotSent() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String draftId = TestData.draftEmail("Draft", "<p>not yet</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), address).build());

        EmailDeliveryEvent event = requestAndAwait(uniqueId(), draftId, patientId);

        assertEquals(DeliveryEventType.SUPPRESSED, event.getType());
        assertEquals("TEMPLATE_NOT_READY", event.getReason());
        assertEquals(0, greenMail.inbox(address).size());
    }

    @Test
    void anUnknownEmailIdIsReportedAsNotReady() {
        String patientId = uniqueId();
        knownPatient(profile(patientId, uniqueFirstName(), uniqueAddress()).build());

        EmailDeliveryEvent event = requestAndAwait(uniqueId(), "not-a-template-id", patientId);

        assertEquals("TEMPLATE_NOT_READY", event.getReason());
    }

    @Test
    void aPatientWithoutProfileIsReportedAsNoContact() {
        String emailId = readyEmail("Hi", "<p>Hi</p>", null);

        EmailDeliveryEvent event = requestAndAwait(uniqueId(), emailId, uniqueId());

        assertEquals(DeliveryEventType.SUPPRESSED, event.getType());
        assertEquals("NO_CONTACT", event.getReason());
    }

    @Test
    void aRequestThatOvertakesThePatientsProfileIsSentOnceTheProfileArrives() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String emailId = readyEmail("Welcome", "<p>Hi {{patient.firstName}}</p>", null);
        String requestId = uniqueId();

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, patientId, sendRequest(requestId, emailId, patientId));
            knownPatient(profile(patientId, uniqueFirstName(), address).build());

            EmailDeliveryEvent event = (EmailDeliveryEvent) events.await(deliveryFor(requestId), WAIT).value();
            assertEquals(DeliveryEventType.SENT, event.getType());
        }
        assertEquals(1, greenMail.awaitInbox(address, 1, WAIT).size());
    }

    @Test
    void aDeceasedPatientGetsNoMail() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String emailId = readyEmail("Hi", "<p>Hi</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), address).setDeceased(true).build());

        EmailDeliveryEvent event = requestAndAwait(uniqueId(), emailId, patientId);

        assertEquals("DECEASED", event.getReason());
        assertEquals(0, greenMail.inbox(address).size());
    }

    @Test
    void aPatientWithoutAddressIsReportedAsNoEmailAddress() {
        String patientId = uniqueId();
        String emailId = readyEmail("Hi", "<p>Hi</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), null).build());

        EmailDeliveryEvent event = requestAndAwait(uniqueId(), emailId, patientId);

        assertEquals("NO_EMAIL_ADDRESS", event.getReason());
    }

    @Test
    void anAddressTheMailerRejectsEndsAsFailedNotAsACrash() {
        String patientId = uniqueId();
        String emailId = readyEmail("Hi", "<p>Hi</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), "not an address").build());
        String requestId = uniqueId();

        EmailDeliveryEvent event = requestAndAwait(requestId, emailId, patientId);

        assertEquals(DeliveryEventType.FAILED, event.getType());
        assertEquals("SMTP_ERROR", event.getReason());
        asMarketer().queryParam("patientId", patientId).get("/api/sends").then()
                .body("items[0].requestId", equalTo(requestId))
                .body("items[0].status", equalTo("FAILED"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndSendingContinues() {
        String patientId = uniqueId();
        String address = uniqueAddress();
        String emailId = readyEmail("After poison", "<p>Hi {{patient.firstName}}</p>", null);
        knownPatient(profile(patientId, uniqueFirstName(), address).build());

        try (var dlq = kafka.subscribe(SEND_REQUESTS + ".dlq")) {
            kafka.sendPoison(SEND_REQUESTS, patientId, "not avro".getBytes(StandardCharsets.UTF_8));
            ConsumerRecord<String, Object> dead = dlq.await(r -> patientId.equals(r.key()), WAIT);
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"), "the reason travels in a header");
        }
        EmailDeliveryEvent event = requestAndAwait(uniqueId(), emailId, patientId);

        assertEquals(DeliveryEventType.SENT, event.getType());
        assertEquals(1, greenMail.awaitInbox(address, 1, WAIT).size());
    }

    private EmailDeliveryEvent requestAndAwait(String requestId, String emailId, String patientId) {
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, patientId, sendRequest(requestId, emailId, patientId));
            return (EmailDeliveryEvent) events.await(deliveryFor(requestId), WAIT).value();
        }
    }

    private static void knownPatient(PatientProfile profile) {
        kafka.send(PROFILES, profile.getPatientId(), profile);
        awaitContact(profile.getPatientId(), contact -> true, WAIT);
    }
}
