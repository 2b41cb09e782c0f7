package org.patientoutreach.emails.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.DELIVERY_EVENTS;
import static org.patientoutreach.emails.TestData.SEND_REQUESTS;
import static org.patientoutreach.emails.TestData.awaitContact;
import static org.patientoutreach.emails.TestData.awaitSend;
import static org.patientoutreach.emails.TestData.deliveryFor;
import static org.patientoutreach.emails.TestData.patientIn;
import static org.patientoutreach.emails.TestData.readyEmail;
import static org.patientoutreach.emails.TestData.sendRequest;
import static org.patientoutreach.emails.TestData.uniqueId;
import static org.patientoutreach.emails.TestData.zoneWhereItIsNow;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A journey's send window, against real Kafka, PostgreSQL and GreenMail: a care email asked for outside it waits for
 * its opening in the patient's timezone, one inside it goes out, one that comes due outside it after waiting is held
 * again, and a window that cannot be is a poison record.
 */
@QuarkusTest
class SendWindowDeferralTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);
    private final GreenMailClient greenMail = new GreenMailClient();

    @Test
    void aCareEmailAskedForOutsideItsWindowWaitsForTheOpeningWhileOneInsideGoesOut() {
        String care = readyEmail("Your appointment", "<p>Hi {{patient.firstName}}</p>", null, false);
        String noon = zoneWhereItIsNow(12);
        String patientId = patientIn(noon, WAIT);
        String waits = uniqueId();
        Instant before = Instant.now();

        kafka.send(SEND_REQUESTS, patientId, windowed(sendRequest(waits, care, patientId), EVERY_DAY, 2 * 60, 3 * 60));
        EmailSend waiting = awaitSend(waits, s -> s.status == SendStatus.DEFERRED, WAIT);
        assertEquals("send-window", waiting.reason);
        assertEquals(SendWindow.of(EVERY_DAY, 2 * 60, 3 * 60).deferUntil(before, ZoneId.of(noon)).orElseThrow(),
                waiting.dueAt, "due when the window opens at 02:00 in the patient's zone");
        assertEquals("1,2,3,4,5,6,7 02:00-03:00", waiting.sendWindow);

        String goesOut = uniqueId();
        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(SEND_REQUESTS, patientId, windowed(sendRequest(goesOut, care, patientId), EVERY_DAY, 0, 1440));
            EmailDeliveryEvent sent = (EmailDeliveryEvent) events.await(deliveryFor(goesOut), WAIT).value();
            assertEquals(DeliveryEventType.SENT, sent.getType());
        }
        String address = awaitContact(patientId, contact -> true, WAIT).email;
        assertEquals(1, greenMail.awaitInbox(address, 1, WAIT).size(), "only the email inside its window went out");
    }

    @Test
    void aSendThatComesDueOutsideItsWindowIsHeldAgainRatherThanSent() {
        String care = readyEmail("Your appointment", "<p>Hi {{patient.firstName}}</p>", null, false);
        String noon = zoneWhereItIsNow(12);
        String patientId = patientIn(noon, WAIT);
        String requestId = uniqueId();
        // As a send that waited for its profile, or for a retry, is left: due now, its window closed until 02:00.
        QuarkusTransaction.requiringNew().run(() -> {
            EmailSend send = EmailSend.requested(windowed(sendRequest(requestId, care, patientId), EVERY_DAY,
                    2 * 60, 3 * 60), false, Instant.now());
            send.status = SendStatus.DEFERRED;
            send.reason = "awaiting-profile";
            send.dueAt = Instant.now();
            send.persist();
        });

        EmailSend held = awaitSend(requestId, s -> "send-window".equals(s.reason), WAIT);
        assertEquals(SendStatus.DEFERRED, held.status);
        assertTrue(held.dueAt.isAfter(Instant.now()), "due at the next opening");
        assertEquals(0, held.attempts, "the claim's attempt is taken back: nothing was sent");
        assertNull(held.leaseUntil);
        String address = awaitContact(patientId, contact -> true, WAIT).email;
        assertEquals(0, greenMail.inbox(address).size());
    }

    @Test
    void aRequestWhoseWindowClosesBeforeItOpensGoesToTheDeadLetterTopicWithItsReason() {
        String care = readyEmail("Your appointment", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patientIn("UTC", WAIT);
        String requestId = uniqueId();
        try (var dlq = kafka.subscribe(SEND_REQUESTS + ".dlq")) {
            kafka.send(SEND_REQUESTS, patientId, windowed(sendRequest(requestId, care, patientId), List.of(1), 600,
                    540));
            ConsumerRecord<String, Object> dead = dlq.await(r -> patientId.equals(r.key()), WAIT);
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("sendWindow.untilMinute"), reason);
        }
        assertNull(QuarkusTransaction.requiringNew().call(() -> EmailSend.findById(requestId)));
    }

    private static EmailSendRequested windowed(EmailSendRequested request, List<Integer> days, int from, int until) {
        request.setSendWindow(org.patientoutreach.schemas.SendWindow.newBuilder().setDays(days).setFromMinute(from)
                .setUntilMinute(until).build());
        return request;
    }
}
