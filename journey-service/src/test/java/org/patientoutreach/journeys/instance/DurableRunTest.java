package org.patientoutreach.journeys.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.REQUESTS;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.EmailSendRequested;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Durable execution: several runners at once, and a crash in the middle of a batch, neither lose nor repeat a send.
 * Each test takes a segment of a few hundred members live into send, wait 1 s, send, and reads every request the
 * journey put on emails.send-requested.
 */
@QuarkusTest
class DurableRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int MEMBERS = 250;
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    @Inject
    JourneyRunner runner;

    @Test
    void threeRunnersAtOnceSendEveryRequestExactlyOnce() throws Exception {
        UUID segmentId = segmentWithMembers(MEMBERS);
        try (var requests = kafka.subscribe(REQUESTS)) {
            UUID journeyId = createLive(sendWaitSend(segmentId));
            // The scheduled runner works already; two more on the test's threads stand for two more replicas.
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            for (int i = 0; i < 2; i++) {
                replicas.submit(() -> {
                    while (!done.get()) {
                        runner.runDue();
                    }
                });
            }
            try {
                assertExactlyOnce(requests, journeyId);
            } finally {
                done.set(true);
                replicas.shutdown();
                replicas.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aCrashInTheMiddleOfABatchRollsItBackAndTheRedoSendsEachRequestExactlyOnce() {
        UUID segmentId = segmentWithMembers(MEMBERS);
        try (var requests = kafka.subscribe(REQUESTS)) {
            // The 40th email request of the run dies with its transaction, after 39 went into the same outbox.
            CrashInjector.crashAtWrite(40);
            UUID journeyId = createLive(sendWaitSend(segmentId));
            assertExactlyOnce(requests, journeyId);
            assertTrue(CrashInjector.crashed(), "the crash happened");
        }
    }

    /** Every instance completes, with exactly its two requests on the topic, under the deterministic ids. */
    private void assertExactlyOnce(KafkaTestClient.Subscription requests, UUID journeyId) {
        List<EmailSendRequested> sent = awaitRequests(requests, journeyId, 2 * MEMBERS);
        Set<String> ids = new HashSet<>();
        sent.forEach(r -> ids.add(r.getRequestId()));
        assertEquals(2 * MEMBERS, sent.size(), "requests on the topic");
        assertEquals(2 * MEMBERS, ids.size(), "distinct request ids");
        List<JourneyInstance> instances = QuarkusTransaction.requiringNew()
                .call(() -> JourneyInstance.<JourneyInstance>list("journeyId", journeyId));
        assertEquals(MEMBERS, instances.size());
        for (JourneyInstance instance : instances) {
            assertEquals(InstanceStatus.COMPLETED, instance.status, "instance " + instance.id);
            assertTrue(ids.contains(JourneyExecutor.requestId(instance.id, "n1").toString()));
            assertTrue(ids.contains(JourneyExecutor.requestId(instance.id, "n3").toString()));
        }
    }

    /** Reads until {@code expected} requests of the journey arrived, then a little longer to catch any duplicate. */
    private static List<EmailSendRequested> awaitRequests(KafkaTestClient.Subscription requests, UUID journeyId,
            int expected) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        List<EmailSendRequested> sent = List.of();
        while (sent.size() < expected && Instant.now().isBefore(deadline)) {
            sent = ofJourney(requests.drain(Duration.ofMillis(500)), journeyId);
        }
        return ofJourney(requests.drain(Duration.ofSeconds(3)), journeyId);
    }

    private static List<EmailSendRequested> ofJourney(List<ConsumerRecord<String, Object>> records, UUID journeyId) {
        return records.stream()
                .filter(r -> r.value() instanceof EmailSendRequested request
                        && journeyId.toString().equals(request.getJourneyId()))
                .map(r -> (EmailSendRequested) r.value())
                .toList();
    }

    private static Map<String, Object> sendWaitSend(UUID segmentId) {
        return definition(segmentEntry(segmentId), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1S", "next", "n3"),
                Map.of("id", "n3", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n4"),
                Map.of("id", "n4", "type", "EXIT")));
    }

    /** A segment with that many members in the local projection, as segments.membership-changed would leave it. */
    static UUID segmentWithMembers(int count) {
        UUID segmentId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> JourneyInstance.getEntityManager().createNativeQuery("""
                INSERT INTO segment_member (segment_id, patient_id, event_id, entered_at)
                SELECT :segmentId, :prefix || g, CAST(gen_random_uuid() AS text), now() FROM generate_series(1, :count) g""")
                .setParameter("segmentId", segmentId)
                .setParameter("prefix", "patient-" + segmentId + "-")
                .setParameter("count", count)
                .executeUpdate());
        return segmentId;
    }
}
