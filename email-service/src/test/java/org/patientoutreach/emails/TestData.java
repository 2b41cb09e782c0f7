package org.patientoutreach.emails;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.emails.engagement.Mime;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/** Unique test data, so tests never see each other's records on the shared broker and mail server. */
public final class TestData {

    public static final String PROFILES = "patients.profiles.email-service-test";
    /** The test profile's own send-request topic (see application.properties). */
    public static final String SEND_REQUESTS = "emails.send-requested.email-service-test";
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

    public static final String POSTAL_ADDRESS = "12 Main St, Springfield, MA 01101";

    /** Creates a transactional email through the API (footer added if missing) and marks it READY; returns its id. */
    public static String readyEmail(String subject, String htmlBody, String textBody) {
        return readyEmail(subject, htmlBody, textBody, false);
    }

    public static String readyEmail(String subject, String htmlBody, String textBody, boolean commercial) {
        String id = draftEmail(subject, withFooter(htmlBody, true), withFooter(textBody, false), commercial);
        asMarketer().post("/api/emails/{id}/ready", id).then().statusCode(200);
        return id;
    }

    public static String draftEmail(String subject, String htmlBody, String textBody) {
        return draftEmail(subject, htmlBody, textBody, false);
    }

    public static String draftEmail(String subject, String htmlBody, String textBody, boolean commercial) {
        return asMarketer().contentType(ContentType.JSON).body(emailBody(subject, htmlBody, textBody, commercial))
                .post("/api/emails").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> emailBody(String subject, String htmlBody, String textBody, boolean commercial) {
        var body = new HashMap<String, Object>();
        body.put("name", "test " + uniqueId());
        body.put("subject", subject);
        body.put("htmlBody", htmlBody);
        body.put("textBody", textBody);
        body.put("commercial", commercial);
        body.put("senderPostalAddress", POSTAL_ADDRESS);
        return body;
    }

    /** The footer every READY email needs: the unsubscribe link and the sender's postal address. */
    public static String withFooter(String body, boolean html) {
        if (body == null) {
            return null;
        }
        String out = body;
        if (!out.contains("unsubscribeUrl")) {
            out += html ? "<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>" : "\nUnsubscribe: {{unsubscribeUrl}}";
        }
        if (!out.contains("sender.postalAddress")) {
            out += html ? "<p>{{sender.postalAddress}}</p>" : "\n{{sender.postalAddress}}";
        }
        return out;
    }

    /**
     * A fixed-offset zone in which it is now about {@code hour} o'clock: commercial sends land inside or outside the
     * quiet hours (21:00 to 08:00) whatever time the tests run.
     */
    public static String zoneWhereItIsNow(int hour) {
        int utcHour = Instant.now().atZone(java.time.ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
        return java.time.ZoneOffset.ofHours(offset).getId();
    }

    /** A commercial send request (marketing): consent, caps and quiet hours apply. */
    public static EmailSendRequested commercialRequest(String requestId, String emailId, String patientId) {
        EmailSendRequested request = sendRequest(requestId, emailId, patientId);
        request.setCommercial(true);
        return request;
    }

    /** A patient whose profile email-service has stored, and a READY transactional email for them. */
    public record Patient(String id, String address, String emailId) {
    }

    /** One email as it reached the SMTP server, with the Message-ID its copy carries. */
    public record Delivered(Patient patient, String requestId, String messageId) {
    }

    /**
     * The request id of a send still SENDING, with the Message-ID its claim gave it: what a relay's notice can arrive
     * about before the outcome is recorded (or while a crashed dispatcher's lease runs out).
     */
    public static String stillSending() {
        String requestId = uniqueId();
        QuarkusTransaction.requiringNew().run(() -> {
            EmailSend send = new EmailSend();
            send.requestId = requestId;
            send.emailId = uniqueId();
            send.patientId = uniqueId();
            send.status = SendStatus.SENDING;
            send.messageId = "<" + requestId + "@patientoutreach.local>";
            send.createdAt = Instant.now();
            send.persist();
        });
        return requestId;
    }

    /** A new patient, a ready email, one request for it, sent: what a relay's bounce or complaint can be about. */
    public static Delivered sendOne(Duration timeout) {
        Patient patient = patientWithReadyEmail("Your results are ready, {{patient.firstName}}", timeout);
        EmailDeliveryEvent outcome = requestAndAwaitOutcome(patient.id(), patient.emailId(), timeout);
        if (outcome.getType() != DeliveryEventType.SENT) {
            throw new AssertionError("the email was not sent: " + outcome.getType());
        }
        Mime mail = Mime.parse(new GreenMailClient().awaitInbox(patient.address(), 1, timeout).get(0).mimeMessage());
        return new Delivered(patient, outcome.getRequestId(), mail.header("Message-ID"));
    }

    public static Patient patientWithReadyEmail(String subject, Duration timeout) {
        Patient patient = new Patient(uniqueId(), uniqueAddress(), readyEmail(subject, "<p>Hi {{patient.firstName}}</p>",
                null));
        KafkaTestClient.shared().send(PROFILES, patient.id(),
                profile(patient.id(), uniqueFirstName(), patient.address()).build());
        awaitContact(patient.id(), contact -> true, timeout);
        return patient;
    }

    /** A new patient whose profile (in {@code timezone}) the service has stored; returns the patient's id. */
    public static String patientIn(String timezone, Duration timeout) {
        String patientId = uniqueId();
        KafkaTestClient.shared().send(PROFILES, patientId,
                profile(patientId, uniqueFirstName(), uniqueAddress()).setTimezone(timezone).build());
        awaitContact(patientId, contact -> true, timeout);
        return patientId;
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

    /** Waits until the send log entry of {@code requestId} satisfies {@code condition}. */
    public static EmailSend awaitSend(String requestId, Predicate<EmailSend> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            EmailSend send = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(requestId));
            if (send != null && condition.test(send)) {
                return send;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("send " + requestId + " not as expected within " + timeout);
            }
            sleep(100);
        }
    }

    public static Predicate<ConsumerRecord<String, Object>> deliveryFor(String requestId) {
        return record -> record.value() instanceof EmailDeliveryEvent event && requestId.equals(event.getRequestId());
    }

    /** Requests one email of {@code emailId} for the patient and returns the delivery event it ends with. */
    public static EmailDeliveryEvent requestAndAwaitOutcome(String patientId, String emailId, Duration timeout) {
        String requestId = uniqueId();
        try (var events = KafkaTestClient.shared().subscribe(DELIVERY_EVENTS)) {
            KafkaTestClient.shared().send(SEND_REQUESTS, patientId, sendRequest(requestId, emailId, patientId));
            return (EmailDeliveryEvent) events.await(deliveryFor(requestId), timeout).value();
        }
    }

    /** Waits for the delivery event of {@code type} about {@code requestId}. */
    public static EmailDeliveryEvent awaitDelivery(KafkaTestClient.Subscription events, String requestId,
            DeliveryEventType type, Duration timeout) {
        return (EmailDeliveryEvent) events.await(r -> deliveryFor(requestId).test(r)
                && ((EmailDeliveryEvent) r.value()).getType() == type, timeout).value();
    }

    /** How many of {@code records} are delivery events of {@code type} about {@code requestId}. */
    public static long deliveries(List<ConsumerRecord<String, Object>> records, String requestId,
            DeliveryEventType type) {
        return records.stream().filter(deliveryFor(requestId))
                .filter(r -> ((EmailDeliveryEvent) r.value()).getType() == type).count();
    }

    /**
     * The value of a counter on {@code /q/metrics} (Prometheus text) whose line carries every {@code key="value"} of
     * {@code tags}, or 0 when it has not been counted yet.
     */
    public static double metric(String name, String... tags) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < tags.length; i += 2) {
                all &= line.contains(tags[i] + "=\"" + tags[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Waits until that counter is above {@code before}: counts are added as their transaction commits. */
    public static double awaitMetricAbove(double before, Duration timeout, String name, String... tags) {
        Instant deadline = Instant.now().plus(timeout);
        double now = metric(name, tags);
        while (now <= before && Instant.now().isBefore(deadline)) {
            sleep(100);
            now = metric(name, tags);
        }
        return now;
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
