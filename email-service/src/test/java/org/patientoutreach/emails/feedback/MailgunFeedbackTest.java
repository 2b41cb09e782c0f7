package org.patientoutreach.emails.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.awaitDelivery;
import static org.patientoutreach.emails.TestData.metric;
import static org.patientoutreach.emails.TestData.sendOne;
import static org.patientoutreach.emails.TestData.stillSending;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData.Delivered;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Mailgun bounces and complaints through its webhooks, signed as Mailgun signs them with the test profile's key; real
 * sends through Kafka, PostgreSQL and GreenMail, and the events on Kafka.
 */
@QuarkusTest
class MailgunFeedbackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";
    private static final String OTHER_KEY = "someone-elses-mailgun-signing-key-9876543210";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void aPermanentFailureSuppressesThePatientOnceAndOneSignedWithAnotherKeyChangesNothing() {
        Delivered sent = sendOne(WAIT);
        String hardBounce = MailgunJson.failed(sent.messageId(), "permanent", "bounce");
        double refusedBefore = refusedFor("signature");
        post(MailgunJson.webhook(hardBounce, OTHER_KEY)).statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("signature"));
        assertEquals(refusedBefore + 1, refusedFor("signature"), "an operator sees refusals on /q/metrics");
        assertNull(QuarkusTransaction.requiringNew().call(() -> EmailSend.<EmailSend>findById(sent.requestId()).feedback));

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            post(MailgunJson.webhook(hardBounce, MailgunJson.KEY)).statusCode(200)
                    .body("requestId", equalTo(sent.requestId())).body("feedback", equalTo("HARD_BOUNCE"))
                    .body("recorded", equalTo(true));
            assertEquals("HARD_BOUNCE", awaitDelivery(events, sent.requestId(), DeliveryEventType.BOUNCED, WAIT)
                    .getReason());
        }
        // Mailgun posts again after anything but 200: the same notice again records nothing new
        post(MailgunJson.webhook(hardBounce, MailgunJson.KEY)).statusCode(200).body("recorded", equalTo(false));
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("BOUNCED"));
    }

    @Test
    void aGenuineSignatureServesOnlyTheEventItCameWithAndOnlyForADay() {
        Delivered sent = sendOne(WAIT);
        String softBounce = MailgunJson.webhook(MailgunJson.failed(sent.messageId(), "temporary", "generic"),
                MailgunJson.KEY);
        post(softBounce).statusCode(200).body("feedback", equalTo("SOFT_BOUNCE"));
        post(softBounce).statusCode(200).body("recorded", equalTo(false)); // posted again: the same event passes
        // Mailgun's signature covers its timestamp and token, not the event: the same signature with a graver event
        double tokensBefore = refusedFor("token");
        post(softBounce.replace("temporary", "permanent")).statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("token"));
        assertEquals(tokensBefore + 1, refusedFor("token"));
        String twoDaysOld = MailgunJson.webhook(MailgunJson.failed(sent.messageId(), "permanent", "bounce"),
                MailgunJson.KEY, Instant.now().minus(Duration.ofDays(2)));
        post(twoDaysOld).statusCode(403).body("detail", containsString("timestamp"));
        String fromTheFuture = MailgunJson.webhook(MailgunJson.failed(sent.messageId(), "permanent", "bounce"),
                MailgunJson.KEY, Instant.now().plus(Duration.ofMinutes(10)));
        post(fromTheFuture).statusCode(403).body("detail", containsString("timestamp"));
        assertEquals("SOFT_BOUNCE", QuarkusTransaction.requiringNew()
                .call(() -> EmailSend.<EmailSend>findById(sent.requestId()).feedback.name()));
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(404);
    }

    @Test
    void aComplaintIsRecordedFromASubaccountsParentSignatureWhileADeliveryIsAcknowledgedAndIgnored() {
        Delivered sent = sendOne(WAIT);
        post(MailgunJson.webhook(MailgunJson.delivered(sent.messageId()), MailgunJson.KEY)).statusCode(200)
                .body(emptyString());
        assertNull(QuarkusTransaction.requiringNew().call(() -> EmailSend.<EmailSend>findById(sent.requestId()).feedback));

        double before = metric("outreach_emails_feedback_total", "source", "mailgun", "type", "COMPLAINT",
                "recorded", "true");
        post(MailgunJson.subaccountWebhook(MailgunJson.complained(sent.messageId()), OTHER_KEY, MailgunJson.KEY))
                .statusCode(200).body("feedback", equalTo("COMPLAINT")).body("recorded", equalTo(true));
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("COMPLAINED"));
        assertEquals(before + 1, metric("outreach_emails_feedback_total", "source", "mailgun", "type", "COMPLAINT",
                "recorded", "true"));
    }

    @Test
    void aSignedEventThatCannotBeUsedOrIsNotAboutOurEmailsIsRefusedForGoodWith406() {
        String headerless = MailgunJson.failed("<x@patientoutreach.local>", "permanent", "bounce")
                .replace("\"message-id\"", "\"x-other\"");
        post(MailgunJson.webhook(headerless, MailgunJson.KEY)).statusCode(406).contentType(PROBLEM)
                .body("errors[0].field", equalTo("event-data.message.headers.message-id"));
        post(MailgunJson.webhook(MailgunJson.failed("<" + uniqueId() + "@patientoutreach.local>", "permanent",
                "bounce"), MailgunJson.KEY)).statusCode(406).contentType(PROBLEM)
                .body("detail", containsString("No email this service sent"));
        post(MailgunJson.webhook(MailgunJson.failed("no-at-sign", "permanent", "bounce"), MailgunJson.KEY))
                .statusCode(406).body("errors[0].field", equalTo("messageId"));
    }

    @Test
    void aFailureForAnEmailNotRecordedAsSentYetAsksMailgunToPostAgain() {
        String requestId = stillSending();
        post(MailgunJson.webhook(MailgunJson.failed(requestId + "@patientoutreach.local", "permanent", "bounce"),
                MailgunJson.KEY)).statusCode(503).contentType(PROBLEM);
    }

    @Test
    void aBodyThatIsNoMailgunWebhookIsA400NamingTheField() {
        post("not json").statusCode(400).contentType(PROBLEM);
        post("{\"event-data\":" + MailgunJson.delivered("<x@patientoutreach.local>") + "}").statusCode(400)
                .body("errors[0].field", equalTo("signature"));
        String tokenless = MailgunJson.webhook(MailgunJson.delivered("<x@patientoutreach.local>"), MailgunJson.KEY)
                .replace("\"token\"", "\"t\"");
        post(tokenless).statusCode(400).body("errors[0].field", equalTo("signature.token"));
    }

    private static double refusedFor(String reason) {
        return metric("outreach_emails_webhook_refused_total", "source", "mailgun", "reason", reason);
    }

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).post("/webhooks/mailgun").then();
    }
}
