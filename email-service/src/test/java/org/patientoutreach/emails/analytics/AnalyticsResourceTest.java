package org.patientoutreach.emails.analytics;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.patientoutreach.emails.TestData.asMarketer;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.send.DeliveryFeedback;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;

/** Counts and rates per email and per journey, from the send log as sending, engagement and feedback leave it. */
@QuarkusTest
class AnalyticsResourceTest {

    @Test
    void countsOutcomesAndUniqueEngagementPerEmailAndPerJourney() {
        String emailId = uniqueId();
        String otherEmail = uniqueId();
        String journeyId = uniqueId();
        QuarkusTransaction.requiringNew().run(() -> {
            send(emailId, journeyId, SendStatus.SENT, null, true, true);
            send(emailId, journeyId, SendStatus.SENT, null, true, false).feedback = DeliveryFeedback.SOFT_BOUNCE;
            send(emailId, journeyId, SendStatus.SENT, null, false, false).feedback = DeliveryFeedback.HARD_BOUNCE;
            send(emailId, journeyId, SendStatus.SENT, null, false, false).feedback = DeliveryFeedback.COMPLAINT;
            send(emailId, journeyId, SendStatus.SUPPRESSED, "frequency-cap", false, false);
            send(emailId, journeyId, SendStatus.SUPPRESSED, "NO_CONSENT", false, false);
            send(emailId, journeyId, SendStatus.FAILED, "SMTP_ERROR", false, false);
            send(emailId, journeyId, SendStatus.DEFERRED, "quiet-hours", false, false);
            send(otherEmail, journeyId, SendStatus.SENT, null, true, true);
        });

        asMarketer().get("/api/analytics/emails/{id}", emailId).then().statusCode(200)
                .body("emailId", equalTo(emailId))
                .body("journeyId", nullValue())
                .body("requested", equalTo(8))
                .body("pending", equalTo(1))
                .body("sent", equalTo(4))
                .body("suppressed", equalTo(2))
                .body("failed", equalTo(1))
                .body("uniqueOpens", equalTo(2))
                .body("uniqueClicks", equalTo(1))
                .body("openRate", equalTo(0.5f))
                .body("clickRate", equalTo(0.25f))
                .body("clickToOpenRate", equalTo(0.5f))
                .body("bounced", equalTo(2))
                .body("complaints", equalTo(1))
                .body("bounceRate", equalTo(0.5f))
                .body("complaintRate", equalTo(0.25f))
                .body("suppressedByReason.frequency-cap", equalTo(1))
                .body("suppressedByReason.NO_CONSENT", equalTo(1));

        asMarketer().get("/api/analytics/journeys/{id}", journeyId).then().statusCode(200)
                .body("journeyId", equalTo(journeyId))
                .body("sent", equalTo(5))
                .body("uniqueOpens", equalTo(3))
                .body("uniqueClicks", equalTo(2))
                .body("openRate", equalTo(0.6f));
    }

    @Test
    void anEmailNeverSentHasZerosNotAnError() {
        asMarketer().get("/api/analytics/emails/{id}", uniqueId()).then().statusCode(200)
                .body("requested", equalTo(0))
                .body("openRate", equalTo(0.0f));
    }

    private static EmailSend send(String emailId, String journeyId, SendStatus status, String reason, boolean opened,
            boolean clicked) {
        EmailSend send = new EmailSend();
        send.requestId = uniqueId();
        send.emailId = emailId;
        send.patientId = uniqueId();
        send.journeyId = journeyId;
        send.status = status;
        send.reason = reason;
        send.createdAt = Instant.now();
        send.dueAt = status == SendStatus.DEFERRED ? Instant.now().plusSeconds(86_400) : null;
        send.sentAt = status == SendStatus.SENT ? Instant.now() : null;
        send.openedAt = opened ? Instant.now() : null;
        send.clickedAt = clicked ? Instant.now() : null;
        send.persist();
        return send;
    }
}
