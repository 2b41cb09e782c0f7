package org.patientoutreach.emails.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.awaitDelivery;
import static org.patientoutreach.emails.TestData.awaitMetricAbove;
import static org.patientoutreach.emails.TestData.metric;
import static org.patientoutreach.emails.TestData.awaitSend;
import static org.patientoutreach.emails.TestData.deliveries;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.requestAndAwaitOutcome;
import static org.patientoutreach.emails.TestData.sendOne;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData.Delivered;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Bounces and complaints the relay reports after it accepted an email, by the Message-ID the patient's copy carries:
 * real sends through Kafka, PostgreSQL and GreenMail, and the events on Kafka.
 */
@QuarkusTest
class DeliveryFeedbackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OUTCOMES = "outreach_emails_outcomes_total";
    private static final String FEEDBACK = "outreach_emails_feedback_total";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void aHardBounceSuppressesThePatientPublishesBouncedOnceAndStopsTheNextEmail() {
        double sentBefore = metric(OUTCOMES, "status", "SENT");
        Delivered sent = sendOne(WAIT);
        assertTrue(awaitMetricAbove(sentBefore, WAIT, OUTCOMES, "status", "SENT") > sentBefore, "SENT counted");
        double recordedBefore = metric(FEEDBACK, "source", "api", "type", "HARD_BOUNCE", "recorded", "true");
        double repeatsBefore = metric(FEEDBACK, "source", "api", "type", "HARD_BOUNCE", "recorded", "false");
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            report(sent.messageId(), "HARD_BOUNCE").statusCode(200)
                    .body("requestId", equalTo(sent.requestId())).body("feedback", equalTo("HARD_BOUNCE"))
                    .body("recorded", equalTo(true));
            report(sent.messageId(), "HARD_BOUNCE").statusCode(200).body("recorded", equalTo(false));
            assertEquals(recordedBefore + 1, metric(FEEDBACK, "source", "api", "type", "HARD_BOUNCE", "recorded",
                    "true"));
            assertEquals(repeatsBefore + 1, metric(FEEDBACK, "source", "api", "type", "HARD_BOUNCE", "recorded",
                    "false"));

            EmailDeliveryEvent bounced = awaitDelivery(events, sent.requestId(), DeliveryEventType.BOUNCED, WAIT);
            assertEquals("HARD_BOUNCE", bounced.getReason());
            assertEquals(sent.patient().id(), bounced.getPatientId());
            assertEquals(1, deliveries(events.drain(Duration.ofSeconds(1)), sent.requestId(),
                    DeliveryEventType.BOUNCED), "the repeated notice published nothing");
        }
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("BOUNCED"));
        asMarketer().queryParam("patientId", sent.patient().id()).get("/api/sends").then().statusCode(200)
                .body("items[0].feedback", equalTo("HARD_BOUNCE"));

        EmailDeliveryEvent next = requestAndAwaitOutcome(sent.patient().id(), sent.patient().emailId(), WAIT);
        assertEquals(DeliveryEventType.SUPPRESSED, next.getType());
        assertEquals("BOUNCED", next.getReason());
    }

    @Test
    void aSoftBounceSuppressesNobodyAndAComplaintAfterItOutranksIt() {
        Delivered sent = sendOne(WAIT);
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // Without angle brackets, as some relays quote it.
            report(sent.messageId().replaceAll("^<|>$", ""), "SOFT_BOUNCE").statusCode(200)
                    .body("recorded", equalTo(true));
            assertEquals("SOFT_BOUNCE", awaitDelivery(events, sent.requestId(), DeliveryEventType.BOUNCED, WAIT).getReason());
            asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(404);

            report(sent.messageId(), "COMPLAINT").statusCode(200).body("feedback", equalTo("COMPLAINT"))
                    .body("recorded", equalTo(true));
            assertEquals("COMPLAINT", awaitDelivery(events, sent.requestId(), DeliveryEventType.COMPLAINED, WAIT).getReason());
            // A milder notice after a complaint is old news.
            report(sent.messageId(), "HARD_BOUNCE").statusCode(200).body("feedback", equalTo("COMPLAINT"))
                    .body("recorded", equalTo(false));
        }
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("COMPLAINED"));
    }

    @Test
    void oneNoticeRetriedInParallelIsRecordedOnce() throws Exception {
        Delivered sent = sendOne(WAIT);
        int copies = 8;
        ExecutorService relay = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            List<Future<Boolean>> recorded = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                recorded.add(relay.submit(() -> {
                    start.await();
                    return report(sent.messageId(), "COMPLAINT").statusCode(200).extract().<Boolean>path("recorded");
                }));
            }
            start.countDown();
            int firsts = 0;
            for (Future<Boolean> answer : recorded) {
                firsts += answer.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, firsts, "exactly one of the parallel copies recorded the complaint");
            awaitDelivery(events, sent.requestId(), DeliveryEventType.COMPLAINED, WAIT);
            assertEquals(1, deliveries(events.drain(Duration.ofSeconds(1)), sent.requestId(),
                    DeliveryEventType.COMPLAINED), "one COMPLAINED event");
        } finally {
            relay.shutdownNow();
        }
    }

    @Test
    void badNoticesAreRefusedNamingTheFieldAndChangeNothing() {
        Delivered sent = sendOne(WAIT);
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            refused(notice(Map.of("messageId", sent.messageId())), 400).body("errors[0].field", equalTo("type"));
            refused(notice(Map.of("messageId", sent.messageId(), "type", "BOUNCE")), 400)
                    .body("errors[0].field", equalTo("type"));
            // By name only: a number is not the enum constant at that position.
            refused(notice(Map.of("messageId", sent.messageId(), "type", 1)), 400)
                    .body("errors[0].field", equalTo("type"));
            refused(notice(Map.of("type", "HARD_BOUNCE")), 400).body("errors[0].field", equalTo("messageId"));
            refused(report("<@patientoutreach.local>", "HARD_BOUNCE"), 400)
                    .body("errors[0].field", equalTo("messageId"));
            refused(report("no-at-sign", "HARD_BOUNCE"), 400).body("errors[0].field", equalTo("messageId"));
            // Another sender's Message-ID with our request id, and a request id we never had.
            refused(report("<" + sent.requestId() + "@relay.example>", "HARD_BOUNCE"), 404);
            refused(report("<" + uniqueId() + "@patientoutreach.local>", "HARD_BOUNCE"), 404);

            String suppressed = uniqueId(); // a request for a template that is not READY never gets a Message-ID
            kafka.send(SEND_REQUESTS, sent.patient().id(), sendRequest(suppressed, uniqueId(), sent.patient().id()));
            awaitSend(suppressed, s -> s.status == SendStatus.SUPPRESSED, WAIT);
            refused(report("<" + suppressed + "@patientoutreach.local>", "HARD_BOUNCE"), 404);
            // An attempt the SMTP server refused for now: it has its Message-ID, but it is not sent (yet).
            String retrying = uniqueId();
            QuarkusTransaction.requiringNew().run(() -> {
                EmailSend send = new EmailSend();
                send.requestId = retrying;
                send.emailId = sent.patient().emailId();
                send.patientId = sent.patient().id();
                send.status = SendStatus.DEFERRED;
                send.reason = "smtp-transient";
                send.attempts = 1;
                send.messageId = "<" + retrying + "@patientoutreach.local>";
                send.createdAt = Instant.now();
                send.dueAt = Instant.now().plus(Duration.ofHours(1));
                send.persist();
            });
            refused(report("<" + retrying + "@patientoutreach.local>", "HARD_BOUNCE"), 409);

            given().auth().oauth2(DevTokens.forRole("marketer")).contentType(ContentType.JSON)
                    .body(Map.of("messageId", sent.messageId(), "type", "HARD_BOUNCE"))
                    .post("/api/delivery-feedback").then().statusCode(403);

            assertEquals(0, events.drain(Duration.ofSeconds(2)).stream().filter(deliveryFor(sent.requestId()))
                    .count(), "no refused notice published an event");
        }
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(404);
        asMarketer().queryParam("patientId", sent.patient().id()).get("/api/sends").then().statusCode(200)
                .body("items.find { it.requestId == '" + sent.requestId() + "' }.feedback", nullValue());
    }

    @Test
    void aRelayClockAheadOfOursOrAnOtherCaseDomainStillCounts() {
        Delivered sent = sendOne(WAIT);
        String shouted = sent.messageId().replace("@patientoutreach.local>", "@PatientOutreach.LOCAL>");
        Instant before = Instant.now();
        String feedbackAt = notice(Map.of("messageId", shouted, "type", "SOFT_BOUNCE",
                "occurredAt", "2999-01-01T00:00:00Z")).statusCode(200).body("recorded", equalTo(true))
                .extract().path("feedbackAt");
        assertTrue(!Instant.parse(feedbackAt).isBefore(before) && !Instant.parse(feedbackAt).isAfter(Instant.now()),
                "a time ahead of our clock is recorded as now: " + feedbackAt);
    }

    @Test
    void aBounceMessageAsTheMailSystemWroteItIsReadAndRecorded() {
        Delivered sent = sendOne(WAIT);
        rawReport(DeliveryReportTest.dsn(sent.messageId(), "delivered", "2.0.0", "message/rfc822", true))
                .statusCode(204);
        rawReport(DeliveryReportTest.dsn(sent.messageId(), "failed", "5.1.1", "message/rfc822", true))
                .statusCode(200).body("requestId", equalTo(sent.requestId()))
                .body("feedback", equalTo("HARD_BOUNCE")).body("recorded", equalTo(true));
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("BOUNCED"));
        refused(rawReport("Subject: hello\r\n\r\nJust a note"), 400);
    }

    private static ValidatableResponse rawReport(String message) {
        return given().auth().oauth2(DevTokens.forRole("integration")).contentType("message/rfc822")
                .body(message.getBytes(StandardCharsets.UTF_8)).post("/api/delivery-feedback/reports").then();
    }

    private static ValidatableResponse report(String messageId, String type) {
        return notice(Map.of("messageId", messageId, "type", type));
    }

    private static ValidatableResponse notice(Map<String, ?> body) {
        return given().auth().oauth2(DevTokens.forRole("integration")).contentType(ContentType.JSON).body(body)
                .post("/api/delivery-feedback").then();
    }

    private static ValidatableResponse refused(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json");
    }
}
