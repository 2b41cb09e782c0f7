package org.patientoutreach.journeys.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.journeys.Fixtures.MEMBERSHIP;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.membership;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.with;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.schemas.JourneyInstanceEnded;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A care gap closes for {@code bench.size} patients at once (default 5,000): every member of a segment leaves it, and
 * the journey that exits on segment exit, its instances all waiting an hour between two sends, must end each
 * instance and announce it on journeys.instance-ended (email-service withdraws the held emails from that). Timed from
 * the first EXITED record produced until every announcement is on Kafka. Baseline, same run: the same number of
 * announcements written straight into the outbox in batches of 1,000, until all are on the topic. Run it explicitly:
 * {@code ./mvnw -pl journey-service test -Dtest=SegmentExitBenchmark -Dbench.size=20000}.
 */
@QuarkusTest
class SegmentExitBenchmark {

    private static final int SIZE = Integer.getInteger("bench.size", 5_000);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Inject
    Outbox outbox;

    @Inject
    JourneysConfig config;

    @Test
    void aWholeSegmentLeavesAndEveryInstanceExitsNextToTheBareOutbox() throws InterruptedException {
        String topic = config.topics().instanceEnded();
        String baselineJourney = UUID.randomUUID().toString();
        long baselineMillis;
        try (Counter counter = new Counter(topic)) {
            Instant start = Instant.now();
            for (int from = 0; from < SIZE; from += 1_000) {
                Map<String, JourneyInstanceEnded> batch = new LinkedHashMap<>();
                for (int i = from; i < Math.min(SIZE, from + 1_000); i++) {
                    batch.put("baseline-" + i, new JourneyInstanceEnded(UUID.randomUUID().toString(),
                            baselineJourney, "baseline-" + i, Instances.SEGMENT_EXIT, Instant.now()));
                }
                QuarkusTransaction.requiringNew().run(() -> outbox.publishAll(topic, batch));
            }
            counter.until(baselineJourney, SIZE);
            baselineMillis = Duration.between(start, Instant.now()).toMillis();
        }

        UUID segmentId = DurableRunTest.segmentWithMembers(SIZE);
        UUID journeyId = createLive(with(definition(segmentEntry(segmentId), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1H", "next", "n3"),
                Map.of("id", "n3", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n4"),
                Map.of("id", "n4", "type", "EXIT"))), Map.of("settings", Map.of("exitOnSegmentExit", true))));
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (count(journeyId, "WAITING") < SIZE && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(SIZE, count(journeyId, "WAITING"), "every member's instance waits between its two sends");

        long exitMillis;
        try (Counter counter = new Counter(topic);
                KafkaProducer<String, SegmentMembershipChanged> producer = producer()) {
            Instant start = Instant.now();
            for (int i = 1; i <= SIZE; i++) {
                String patientId = "patient-" + segmentId + "-" + i;
                producer.send(new ProducerRecord<>(MEMBERSHIP, patientId,
                        membership(segmentId, patientId, MembershipChange.EXITED)));
            }
            producer.flush();
            counter.until(journeyId.toString(), SIZE);
            exitMillis = Duration.between(start, Instant.now()).toMillis();
        }
        assertEquals(SIZE, count(journeyId, "EXITED"), "every instance exited");

        System.out.printf("%n| journey-service segment-exit benchmark (%d members leave at once) | ms | per second |"
                + "%n|---|---:|---:|%n", SIZE);
        System.out.printf("| baseline: %d announcements straight through the outbox to Kafka | %d | %.0f |%n", SIZE,
                baselineMillis, SIZE * 1000.0 / baselineMillis);
        System.out.printf("| first EXITED produced to the last instance's announcement on Kafka | %d | %.0f |%n",
                exitMillis, SIZE * 1000.0 / exitMillis);
        System.out.printf("| ratio exits / baseline (time) | %.2f | |%n", exitMillis / (double) baselineMillis);
    }

    private static long count(UUID journeyId, String status) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) JourneyInstance.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM journey_instance WHERE journey_id = ?1 AND status = ?2")
                .setParameter(1, journeyId).setParameter(2, status).getSingleResult()).longValue());
    }

    private static KafkaProducer<String, SegmentMembershipChanged> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaSerializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.auto-register", true));
    }

    /** Counts the announcements of one journey from the end of the topic on, keeping none in memory. */
    private static final class Counter implements AutoCloseable {
        private final KafkaConsumer<String, Object> consumer;
        private final Map<String, Integer> early = new LinkedHashMap<>();

        Counter(String topic) {
            consumer = KafkaTestClient.openAtEnd(topic, 5000, this::keep);
        }

        void until(String journeyId, int count) {
            Instant deadline = Instant.now().plus(TIMEOUT);
            int seen = early.getOrDefault(journeyId, 0);
            while (seen < count) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("only " + seen + " of " + count + " announcements within " + TIMEOUT);
                }
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() instanceof JourneyInstanceEnded ended && journeyId.equals(ended.getJourneyId())) {
                        seen++;
                    }
                }
            }
        }

        private void keep(ConsumerRecord<String, Object> r) {
            if (r.value() instanceof JourneyInstanceEnded ended) {
                early.merge(ended.getJourneyId(), 1, Integer::sum);
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
