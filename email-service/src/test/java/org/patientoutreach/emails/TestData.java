package org.patientoutreach.emails;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.testing.DevTokens;

/** Unique test data, so tests never see each other's records on the shared broker and mail server. */
public final class TestData {

    public static final String PROFILES = "patients.profiles";
    public static final String SEND_REQUESTS = "emails.send-requested";
    public static final String DELIVERY_EVENTS = "emails.delivery-events";

    private TestData() {
    }

    /** A request as a marketer sends it: the role that writes emails and reads send logs. Fresh, so it never expires mid-run. */
    public static RequestSpecification asMarketer() {
        return given().auth().oauth2(DevTokens.forRole(Roles.MARKETER));
    }

    public static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    public static String uniqueAddress() {
        return UUID.randomUUID() + "@test.patientoutreach.local";
    }

    /** A first name no other test uses, so finding it in a mail proves personalization for this patient. */
    public static String uniqueFirstName() {
        return "Elizabeth" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static PatientProfile.Builder profile(String patientId, String givenName, String email) {
        return PatientProfile.newBuilder()
                .setPatientId(patientId)
                .setGivenName(givenName)
                .setFamilyName("Moore")
                .setEmail(email)
                .setLanguage("en")
                .setTimezone("America/New_York")
                // millisecond precision: what the Avro timestamp-millis field keeps
                .setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static EmailSendRequested sendRequest(String requestId, String emailId, String patientId) {
        return EmailSendRequested.newBuilder()
                .setRequestId(requestId)
                .setEmailId(emailId)
                .setPatientId(patientId)
                .setJourneyId(uniqueId())
                .setInstanceId(uniqueId())
                .setStepId("send-1")
                .setContext(Map.of("eventId", "event-" + requestId))
                .setRequestedAt(Instant.now())
                .build();
    }

    /** Creates an email through the API and marks it READY; returns its id. */
    public static String readyEmail(String subject, String htmlBody, String textBody) {
        String id = draftEmail(subject, htmlBody, textBody);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(200);
        return id;
    }

    public static String draftEmail(String subject, String htmlBody, String textBody) {
        var body = new HashMap<String, Object>();
        body.put("name", "test " + uniqueId());
        body.put("subject", subject);
        body.put("htmlBody", htmlBody);
        body.put("textBody", textBody);
        return asMarketer().contentType(ContentType.JSON).body(body)
                .post("/api/emails").then().statusCode(201).extract().path("id");
    }

    /** Waits until the stored contact of {@code patientId} satisfies {@code condition}. */
    public static PatientContact awaitContact(String patientId, Predicate<PatientContact> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            PatientContact contact = QuarkusTransaction.requiringNew().call(() -> PatientContact.findById(patientId));
            if (contact != null && condition.test(contact)) {
                return contact;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("contact of patient " + patientId + " not as expected within " + timeout);
            }
            sleep(100);
        }
    }

    public static Predicate<ConsumerRecord<String, Object>> deliveryFor(String requestId) {
        return record -> record.value() instanceof EmailDeliveryEvent event && requestId.equals(event.getRequestId());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
