package org.patientoutreach.emails.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.inbox.Polls;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendStatus;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.schemas.JourneyInstanceEnded;
import org.patientoutreach.schemas.SendWindow;
import org.patientoutreach.testing.GreenMailClient;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A journey instance that leaves early (journeys.instance-ended), against real Kafka, PostgreSQL and GreenMail: the
 * emails it asked for that still wait are withdrawn (SUPPRESSED, JOURNEY_ENDED), other instances' are not; a request
 * of it that arrives after the news is suppressed too; a record naming no instance is a poison record; a poll that
 * meets the database away for a moment is tried again, not dead-lettered.
 */
@QuarkusTest
class JourneyEndWithdrawalTest {

    static final String INSTANCE_ENDED = "journeys.instance-ended.email-service-test";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private final GreenMailClient greenMail = new GreenMailClient();

    @Inject
    DataSource dataSource;

    @Test
    void aReminderHeldForItsWindowIsWithdrawnWhenItsInstanceLeavesTheJourneyAndAnotherInstancesIsNot() {
        String reminder = readyEmail("Time for your screening", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patientIn(zoneWhereItIsNow(12), WAIT);
        EmailSendRequested leaving = heldUntilTwoAtNight(sendRequest(uniqueId(), reminder, patientId));
        EmailSendRequested staying = heldUntilTwoAtNight(sendRequest(uniqueId(), reminder, patientId));
        kafka.send(SEND_REQUESTS, patientId, leaving);
        kafka.send(SEND_REQUESTS, patientId, staying);
        awaitSend(leaving.getRequestId(), s -> s.status == SendStatus.DEFERRED, WAIT);
        awaitSend(staying.getRequestId(), s -> s.status == SendStatus.DEFERRED, WAIT);

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(INSTANCE_ENDED, patientId, ended(leaving, patientId));
            EmailDeliveryEvent withdrawn = (EmailDeliveryEvent) events.await(deliveryFor(leaving.getRequestId()), WAIT)
                    .value();
            assertEquals(DeliveryEventType.SUPPRESSED, withdrawn.getType());
            assertEquals("JOURNEY_ENDED", withdrawn.getReason());
            assertEquals(leaving.getInstanceId(), withdrawn.getInstanceId());
        }
        EmailSend gone = awaitSend(leaving.getRequestId(), s -> s.status == SendStatus.SUPPRESSED, WAIT);
        assertEquals("JOURNEY_ENDED", gone.reason);
        EmailSend still = awaitSend(staying.getRequestId(), s -> true, WAIT);
        assertEquals(SendStatus.DEFERRED, still.status, "another instance's email still waits for its window");
        assertEquals("send-window", still.reason);
    }

    @Test
    void instancesEndingTogetherHaveEachHeldEmailWithdrawnOnceThoughTheNewsComesTwice() {
        String reminder = readyEmail("Time for your screening", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patientIn(zoneWhereItIsNow(12), WAIT);
        List<EmailSendRequested> held = IntStream.range(0, 12)
                .mapToObj(i -> heldUntilTwoAtNight(sendRequest(uniqueId(), reminder, patientId))).toList();
        held.forEach(request -> kafka.send(SEND_REQUESTS, patientId, request));
        held.forEach(request -> awaitSend(request.getRequestId(), s -> s.status == SendStatus.DEFERRED, WAIT));

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            // A stopped journey's news arrives as a burst, which the consumer takes a poll at a time; then all again.
            held.forEach(request -> kafka.send(INSTANCE_ENDED, patientId, ended(request, patientId)));
            held.forEach(request -> kafka.send(INSTANCE_ENDED, patientId, ended(request, patientId)));
            for (EmailSendRequested request : held) {
                EmailSend gone = awaitSend(request.getRequestId(), s -> s.status == SendStatus.SUPPRESSED, WAIT);
                assertEquals("JOURNEY_ENDED", gone.reason);
                events.await(deliveryFor(request.getRequestId()), WAIT);
            }
            List<ConsumerRecord<String, Object>> seen = events.drain(Duration.ofSeconds(3));
            for (EmailSendRequested request : held) {
                assertEquals(1, seen.stream().filter(deliveryFor(request.getRequestId())).count(),
                        "one SUPPRESSED event per withdrawn email");
            }
        }
    }

    @Test
    void aPollThatMeetsTheDatabaseAwayForAMomentIsTriedAgainAndNothingIsDeadLettered() throws Exception {
        String reminder = readyEmail("Time for your screening", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patientIn(zoneWhereItIsNow(12), WAIT);
        EmailSendRequested held = heldUntilTwoAtNight(sendRequest(uniqueId(), reminder, patientId));
        kafka.send(SEND_REQUESTS, patientId, held);
        awaitSend(held.getRequestId(), s -> s.status == SendStatus.DEFERRED, WAIT);

        Logger polls = Logger.getLogger(Polls.class.getName());
        var failedAttempts = new CountDownLatch(1);
        Handler watch = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = String.valueOf(record.getMessage()) + List.of(record.getParameters() == null
                        ? new Object[0] : record.getParameters());
                if (message.contains("journey-ends") && message.contains("attempt")) {
                    failedAttempts.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        polls.addHandler(watch);
        try (var dlq = kafka.subscribe(INSTANCE_ENDED + ".dlq"); Connection admin = dataSource.getConnection();
                Statement ddl = admin.createStatement()) {
            // The table the poll writes first is gone until the poll has failed once; a later attempt finds it back.
            ddl.execute("ALTER TABLE journey_instance_ended RENAME TO journey_instance_ended_away");
            try {
                kafka.send(INSTANCE_ENDED, patientId, ended(held, patientId));
                assertTrue(failedAttempts.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the poll met the outage");
            } finally {
                ddl.execute("ALTER TABLE journey_instance_ended_away RENAME TO journey_instance_ended");
                polls.removeHandler(watch);
            }
            EmailSend gone = awaitSend(held.getRequestId(), s -> s.status == SendStatus.SUPPRESSED, WAIT);
            assertEquals("JOURNEY_ENDED", gone.reason);
            assertEquals(0, dlq.drain(Duration.ofSeconds(2)).stream().filter(r -> patientId.equals(r.key())).count(),
                    "a moment's outage dead-letters nothing");
        }
    }

    @Test
    void aRequestThatArrivesAfterItsInstanceEndedIsSuppressedAndNeverSent() {
        String reminder = readyEmail("Time for your screening", "<p>Hi {{patient.firstName}}</p>", null, false);
        String patientId = patientIn("UTC", WAIT);
        EmailSendRequested late = sendRequest(uniqueId(), reminder, patientId);
        String control = uniqueId();

        try (var events = kafka.subscribe(DELIVERY_EVENTS)) {
            kafka.send(INSTANCE_ENDED, patientId, ended(late, patientId));
            // The news travels on another topic than the request: wait until it is recorded before asking.
            awaitRemembered(late.getInstanceId());
            kafka.send(SEND_REQUESTS, patientId, late);
            kafka.send(SEND_REQUESTS, patientId, sendRequest(control, reminder, patientId));
            EmailDeliveryEvent suppressed = (EmailDeliveryEvent) events.await(deliveryFor(late.getRequestId()), WAIT)
                    .value();
            assertEquals(DeliveryEventType.SUPPRESSED, suppressed.getType());
            assertEquals("JOURNEY_ENDED", suppressed.getReason());
            EmailDeliveryEvent sent = (EmailDeliveryEvent) events.await(deliveryFor(control), WAIT).value();
            assertEquals(DeliveryEventType.SENT, sent.getType(), "the same patient's other journeys still reach them");
        }
        String address = awaitContact(patientId, contact -> true, WAIT).email;
        assertEquals(1, greenMail.awaitInbox(address, 1, WAIT).size(), "the other journey's email only");
    }

    @Test
    void aRecordNamingNoInstanceGoesToTheDeadLetterTopicWithItsReason() {
        String patientId = uniqueId();
        try (var dlq = kafka.subscribe(INSTANCE_ENDED + ".dlq")) {
            kafka.send(INSTANCE_ENDED, patientId, JourneyInstanceEnded.newBuilder().setInstanceId(" ")
                    .setJourneyId(uniqueId()).setPatientId(patientId).setReason("SEGMENT_EXIT")
                    .setAt(Instant.now()).build());
            ConsumerRecord<String, Object> dead = dlq.await(r -> patientId.equals(r.key()), WAIT);
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertTrue(reason.contains("instanceId"), reason);
        }
    }

    private static void awaitRemembered(String instanceId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM journey_instance_ended WHERE instance_id = ?1")
                .setParameter(1, instanceId).getSingleResult()).longValue()) == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the ended instance was not recorded within " + WAIT);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static EmailSendRequested heldUntilTwoAtNight(EmailSendRequested request) {
        request.setSendWindow(SendWindow.newBuilder().setDays(List.of(1, 2, 3, 4, 5, 6, 7)).setFromMinute(2 * 60)
                .setUntilMinute(3 * 60).build());
        return request;
    }

    private static JourneyInstanceEnded ended(EmailSendRequested request, String patientId) {
        return JourneyInstanceEnded.newBuilder().setInstanceId(request.getInstanceId())
                .setJourneyId(request.getJourneyId()).setPatientId(patientId).setReason("SEGMENT_EXIT")
                .setAt(Instant.now()).build();
    }
}
