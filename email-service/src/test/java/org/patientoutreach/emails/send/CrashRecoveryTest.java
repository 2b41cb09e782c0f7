package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData;
import org.patientoutreach.emails.TestData.Patient;
import org.patientoutreach.emails.engagement.Mime;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A dispatcher that stopped between claiming a send and recording it leaves a SENDING row behind. Once its lease
 * ends: if it stopped before the hand-over (the terminating dot never went out) the send goes out (once), with the
 * Message-ID derived from the request, and the request's redelivery adds nothing; if it stopped after the hand-over
 * (the SMTP server has the email) the send is recorded as SENT and not sent a second time.
 */
@QuarkusTest
class CrashRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private final GreenMailClient greenMail = new GreenMailClient();

    private static Patient patientWithReadyEmail(String subject) {
        return TestData.patientWithReadyEmail(subject, WAIT);
    }

    /** The row a dispatcher that stopped after claiming the request leaves: SENDING, first attempt, lease over. */
    private static void abandonedSending(EmailSendRequested request) {
        QuarkusTransaction.requiringNew().run(() -> {
            EmailSend send = EmailSend.requested(request, false, Instant.now());
            send.status = SendStatus.SENDING;
            send.dueAt = Instant.now();
            send.attempts = 1;
            send.leaseUntil = Instant.now().minusSeconds(1);
            send.persist();
        });
    }

    @Test
    void aSendAbandonedMidWayIsSentOnceAfterItsLeaseWithTheRequestsMessageId() {
        Patient patient = patientWithReadyEmail("Your visit summary");
        EmailSendRequested request = sendRequest(uniqueId(), patient.emailId(), patient.id());

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // What a crash after the claim leaves: accepted (a send row), claimed, lease already over.
            abandonedSending(request);
            EmailDeliveryEvent sent = (EmailDeliveryEvent) events.await(deliveryFor(request.getRequestId()), WAIT)
                    .value();
            assertEquals(DeliveryEventType.SENT, sent.getType());

            // The request itself arrives (again) afterwards; a later request shows it has been handled.
            String later = uniqueId();
            kafka.send(SEND_REQUESTS, patient.id(), request);
            kafka.send(SEND_REQUESTS, patient.id(), sendRequest(later, patient.emailId(), patient.id()));
            events.await(deliveryFor(later), WAIT);
            assertEquals(1, events.drain(Duration.ofMillis(500)).stream()
                    .filter(deliveryFor(request.getRequestId())).count(), "one outcome for the request, not two");
        }
        List<GreenMailClient.Mail> inbox = greenMail.awaitInbox(patient.address(), 2, WAIT);
        assertEquals(2, inbox.size(), "the recovered send and the later one, nothing twice");
        long withRequestsId = inbox.stream().map(m -> Mime.parse(m.mimeMessage()).header("Message-ID"))
                .filter(id -> id.equals("<" + request.getRequestId() + "@patientoutreach.local>")).count();
        assertEquals(1, withRequestsId, "the Message-ID names the send request");
        EmailSend recorded = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(request.getRequestId()));
        assertEquals(SendStatus.SENT, recorded.status);
        assertTrue(recorded.attempts >= 2, "the abandoned attempt and the one that sent");
    }

    @Test
    void aSendAbandonedAfterItsHandOverIsRecordedAsSentWithoutASecondCopy() {
        Patient patient = patientWithReadyEmail("Your lab results");
        EmailSendRequested request = sendRequest(uniqueId(), patient.emailId(), patient.id());

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // What a crash right after the terminating dot leaves: claimed, handed over, lease already over.
            Instant handedOver = Instant.now().minusSeconds(5);
            abandonedSending(request);
            QuarkusTransaction.requiringNew().run(() -> EmailSend.getEntityManager()
                    .createNativeQuery("UPDATE email_send SET handed_over_at = :at WHERE request_id = :id")
                    .setParameter("at", java.sql.Timestamp.from(handedOver))
                    .setParameter("id", request.getRequestId()).executeUpdate());
            EmailDeliveryEvent sent = (EmailDeliveryEvent) events.await(deliveryFor(request.getRequestId()), WAIT)
                    .value();
            assertEquals(DeliveryEventType.SENT, sent.getType());

            // A later request for the same patient goes out; the handed-over one must not come with it.
            String later = uniqueId();
            kafka.send(SEND_REQUESTS, patient.id(), sendRequest(later, patient.emailId(), patient.id()));
            events.await(deliveryFor(later), WAIT);
        }
        List<GreenMailClient.Mail> inbox = greenMail.awaitInbox(patient.address(), 1, WAIT);
        assertEquals(1, inbox.size(), "only the later email: the handed-over one is not sent again");
        EmailSend recorded = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(request.getRequestId()));
        assertEquals(SendStatus.SENT, recorded.status);
        assertEquals(1, recorded.attempts, "no second attempt");
    }
}
