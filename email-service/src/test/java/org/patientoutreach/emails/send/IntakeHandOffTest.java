package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.patientoutreach.emails.TestData;
import org.patientoutreach.emails.TestData.Patient;
import org.patientoutreach.emails.engagement.Mime;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Sends due at intake that fit the room the poll reserved skip the queue: they are inserted SENDING under this
 * instance's lease, with their Message-ID, and go to SMTP once the intake's transaction commits; the others are
 * queued and claimed as before. A rolled-back intake sends nothing and keeps its room. Drives the service's
 * {@link SendService}, {@link SendPreparer} and {@link SendDispatcher} against PostgreSQL and GreenMail.
 */
@QuarkusTest
class IntakeHandOffTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private final GreenMailClient greenMail = new GreenMailClient();

    @Inject
    SendService sends;

    @Inject
    SendPreparer preparer;

    @Inject
    SendDispatcher dispatcher;

    @Test
    void dueSendsWithinTheRoomAreInsertedLeasedAndSentAfterCommitTheRestAreQueuedAndClaimed() {
        Patient patient = TestData.patientWithReadyEmail("Your screening reminder", WAIT);
        List<EmailSendRequested> requests = List.of(sendRequest(uniqueId(), patient.emailId(), patient.id()),
                sendRequest(uniqueId(), patient.emailId(), patient.id()),
                sendRequest(uniqueId(), patient.emailId(), patient.id()));

        try (var events = kafka.subscribe(DELIVERY_EVENTS); SendDispatcher.Room room = dispatcher.reserve(2)) {
            assertEquals(2, room.held(), "two slots are free on an idle dispatcher");
            Map<String, String> inserted = QuarkusTransaction.requiringNew().call(() -> {
                SendService.Accepted accepted = sends.acceptAll(requests, room.held());
                dispatcher.handOffAfterCommit(room, accepted.takenOver().size(),
                        preparer.prepareTakenOver(accepted));
                EmailSend.flush();
                assertEquals(2, room.held(), "the room is used only once the intake commits");
                return statuses(requests);
            });
            assertEquals("SENDING", inserted.get(requests.get(0).getRequestId()), "taken over at intake");
            assertEquals("SENDING", inserted.get(requests.get(1).getRequestId()), "taken over at intake");
            assertEquals("QUEUED", inserted.get(requests.get(2).getRequestId()), "beyond the room: queued");
            assertEquals(0, room.held(), "both slots now belong to emails on their way");

            requests.forEach(request -> events.await(deliveryFor(request.getRequestId()), WAIT));
        }
        List<GreenMailClient.Mail> inbox = greenMail.awaitInbox(patient.address(), 3, WAIT);
        assertEquals(3, inbox.size(), "each request once");
        assertEquals(requests.stream().map(r -> "<" + r.getRequestId() + "@patientoutreach.local>")
                .collect(Collectors.toSet()),
                inbox.stream().map(m -> Mime.parse(m.mimeMessage()).header("Message-ID")).collect(Collectors.toSet()));
        for (EmailSendRequested request : requests) {
            EmailSend sent = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(request.getRequestId()));
            assertEquals(SendStatus.SENT, sent.status);
            assertEquals(1, sent.attempts, "one attempt, taken over or claimed");
            assertNull(sent.leaseUntil);
        }
    }

    @Test
    void aRolledBackIntakeSendsNothingAndItsRoomServesTheRetry() {
        Patient patient = TestData.patientWithReadyEmail("Your flu shot", WAIT);
        EmailSendRequested request = sendRequest(uniqueId(), patient.emailId(), patient.id());

        try (var events = kafka.subscribe(DELIVERY_EVENTS); SendDispatcher.Room room = dispatcher.reserve(1)) {
            assertEquals(1, room.held());
            assertThrows(PollFailed.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                SendService.Accepted accepted = sends.acceptAll(List.of(request), room.held());
                assertEquals(1, accepted.takenOver().size());
                dispatcher.handOffAfterCommit(room, 1, preparer.prepareTakenOver(accepted));
                throw new PollFailed(); // as when a later record of the poll breaks its transaction
            }));
            assertEquals(1, room.held(), "a rolled-back intake keeps its room");
            assertNull(QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(request.getRequestId())));

            // The retry of the same request, as Polls retries a failed poll, goes out once.
            QuarkusTransaction.requiringNew().run(() -> {
                SendService.Accepted accepted = sends.acceptAll(List.of(request), room.held());
                dispatcher.handOffAfterCommit(room, accepted.takenOver().size(),
                        preparer.prepareTakenOver(accepted));
            });
            assertEquals(0, room.held());
            events.await(deliveryFor(request.getRequestId()), WAIT);

            // A later request through Kafka: by its delivery, a copy from the rolled-back intake would be in the inbox.
            String later = uniqueId();
            kafka.send(SEND_REQUESTS, patient.id(), sendRequest(later, patient.emailId(), patient.id()));
            events.await(deliveryFor(later), WAIT);
        }
        List<GreenMailClient.Mail> inbox = greenMail.awaitInbox(patient.address(), 2, WAIT);
        assertEquals(2, inbox.size(), "the retried request once and the later one");
        EmailSend sent = QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(request.getRequestId()));
        assertEquals(SendStatus.SENT, sent.status);
        assertNotNull(sent.sentAt);
    }

    private static final class PollFailed extends RuntimeException {
    }

    /** The statuses as inserted, read with SQL in the caller's transaction. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> statuses(List<EmailSendRequested> requests) {
        List<Object[]> rows = EmailSend.getEntityManager().createNativeQuery(
                "SELECT request_id, status FROM email_send WHERE request_id = ANY (?1)", Object[].class)
                .setParameter(1, requests.stream().map(EmailSendRequested::getRequestId).toArray(String[]::new))
                .getResultList();
        return rows.stream().collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1]));
    }
}
