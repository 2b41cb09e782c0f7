package org.patientoutreach.emails.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.awaitDelivery;
import static org.patientoutreach.emails.TestData.metric;
import static org.patientoutreach.emails.TestData.sendOne;
import static org.patientoutreach.emails.TestData.stillSending;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData.Delivered;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Amazon SES bounces and complaints through an Amazon SNS subscription, signed by a stand-in for SNS whose
 * certificate origin the test profile trusts (emails.sns.trusted-origin); real sends through Kafka, PostgreSQL and
 * GreenMail, and the events on Kafka.
 */
@QuarkusTest
class SnsFeedbackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static FakeSns sns;

    @BeforeAll
    static void startSns() throws Exception {
        sns = FakeSns.start();
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @Test
    void aSignedSubscriptionConfirmationIsConfirmedAndOneAlteredAfterSigningIsNot() {
        sns.confirmations().clear();
        Map<String, String> altered = sns.confirmation();
        altered.put("SubscribeURL", altered.get("SubscribeURL") + "&Extra=1");
        post(altered).statusCode(403).contentType(PROBLEM).body("detail", containsString("signature"));
        assertEquals(List.of(), sns.confirmations(), "nothing was visited for the altered confirmation");

        Map<String, String> genuine = sns.confirmation();
        post(genuine).statusCode(204);
        assertEquals(List.of("Action=ConfirmSubscription&Token=" + genuine.get("Token")), sns.confirmations());
    }

    @Test
    void aPermanentBounceSuppressesThePatientOnceAndOneAlteredAfterSigningChangesNothing() {
        Delivered sent = sendOne(WAIT);
        Map<String, String> softBounce = sns.notification(SesJson.bounce(sent.messageId(), "Transient"));
        Map<String, String> altered = new LinkedHashMap<>(softBounce);
        altered.put("Message", softBounce.get("Message").replace("Transient", "Permanent"));
        post(altered).statusCode(403).contentType(PROBLEM);
        assertNull(QuarkusTransaction.requiringNew().call(() -> EmailSend.<EmailSend>findById(sent.requestId()).feedback));

        Map<String, String> hardBounce = sns.notification(SesJson.bounce(sent.messageId(), "Permanent"));
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            post(hardBounce).statusCode(200).body("requestId", equalTo(sent.requestId()))
                    .body("feedback", equalTo("HARD_BOUNCE")).body("recorded", equalTo(true));
            assertEquals("HARD_BOUNCE", awaitDelivery(events, sent.requestId(), DeliveryEventType.BOUNCED, WAIT)
                    .getReason());
        }
        // SNS delivers at least once: the same notification again records nothing new.
        post(hardBounce).statusCode(200).body("recorded", equalTo(false));
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("BOUNCED"));
    }

    @Test
    void aComplaintIsRecordedWhileADeliveryAndNotSpamOrVirusReportsAskNothing() {
        Delivered sent = sendOne(WAIT);
        post(sns.notification(SesJson.delivery(sent.messageId()))).statusCode(204);
        post(sns.notification(SesJson.complaint(sent.messageId(), "not-spam"))).statusCode(204);
        post(sns.notification(SesJson.complaint(sent.messageId(), "virus"))).statusCode(204);
        // published with a Subject, which SNS signs too
        post(sns.notification(SesJson.complaint(sent.messageId(), "abuse"), "Amazon SES Email Event Notification"))
                .statusCode(200)
                .body("feedback", equalTo("COMPLAINT")).body("recorded", equalTo(true));
        asMarketer().get("/api/suppressions/{id}", sent.patient().id()).then().statusCode(200)
                .body("reason", equalTo("COMPLAINED"));
    }

    @Test
    void anUnsubscribeConfirmationIsAcknowledgedAndVisitsNothing() {
        sns.confirmations().clear();
        post(sns.confirmation("UnsubscribeConfirmation")).statusCode(204);
        assertEquals(List.of(), sns.confirmations());
    }

    @Test
    void aCertificateThatCannotBeFetchedOrAnEmailNotRecordedAsSentYetAsksSnsToDeliverAgain() {
        Map<String, String> unreachable = sns.notification(SesJson.bounce("<x@patientoutreach.local>", "Permanent"));
        unreachable.put("SigningCertURL", sns.origin() + "/SimpleNotificationService-00ff.pem"); // not signed; 404s
        post(unreachable).statusCode(503).contentType(PROBLEM);

        String requestId = stillSending();
        // SNS drops a notification answered with a 4xx; after a 5xx it delivers again, once the send is recorded
        post(sns.notification(SesJson.bounce("<" + requestId + "@patientoutreach.local>", "Permanent")))
                .statusCode(503).contentType(PROBLEM);
    }

    @Test
    void anotherTopicAnUntrustedCertificateOriginOrAnUnknownSignatureVersionIsRefused() {
        String bounce = SesJson.bounce("<nobody@patientoutreach.local>", "Permanent");
        Map<String, String> otherTopic = sns.notification(bounce);
        otherTopic.put("TopicArn", "arn:aws:sns:us-east-1:999999999999:someone-else");
        double refusedBefore = refusedFor("topic");
        post(otherTopic).statusCode(403).body("detail", containsString("topic"));
        assertEquals(refusedBefore + 1, refusedFor("topic"), "an operator sees refusals on /q/metrics");
        // the production origins are AmazonSnsTrustTest's; here: any origin but the trusted one is refused unfetched
        Map<String, String> elsewhere = sns.notification(bounce);
        elsewhere.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-7e57c0de.pem");
        post(elsewhere).statusCode(403).body("detail", containsString("SigningCertURL"));
        Map<String, String> version3 = sns.notification(bounce);
        version3.put("SignatureVersion", "3");
        post(version3).statusCode(403).body("detail", containsString("SignatureVersion"));
    }

    @Test
    void aBodyThatIsNoSnsMessageOrNoUsableSesNotificationIsA400NamingTheField() {
        Map<String, String> unsigned = sns.notification(SesJson.bounce("<x@patientoutreach.local>", "Permanent"));
        unsigned.remove("Signature");
        post(unsigned).statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("Signature"));
        given().contentType("text/plain; charset=UTF-8").body("not json").post("/webhooks/amazon-sns").then()
                .statusCode(400).contentType(PROBLEM);
        String headerless = """
                {"notificationType":"Bounce","bounce":{"bounceType":"Permanent"},"mail":{"messageId":"ses-own"}}""";
        post(sns.notification(headerless)).statusCode(400).body("errors[0].field", equalTo("Message"))
                .body("errors[0].message", containsString("original headers"));
    }

    private static double refusedFor(String reason) {
        return metric("outreach_emails_webhook_refused_total", "source", "sns", "reason", reason);
    }

    /** As SNS posts: the JSON message with Content-Type text/plain. */
    private static ValidatableResponse post(Map<String, String> message) {
        return given().contentType("text/plain; charset=UTF-8").body(FakeSns.json(message))
                .post("/webhooks/amazon-sns").then();
    }
}
