package org.patientoutreach.emails.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.JourneyInstanceEnded;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A stopped journey's news through the service: {@code bench.size} instances, each with one email held for its send
 * window, end at once (a stopped journey, or a segment rule that closes many care gaps together), and the clock runs
 * until every one of those emails is withdrawn (SUPPRESSED with its event, the instance remembered). The baseline, in
 * the same run: a plain consumer reading the same records off the topic, the least any consumer of it pays. Not a
 * surefire test; run it with {@code ./mvnw -B -q -pl email-service test -Dtest=JourneyEndThroughputBenchmark
 * -Dbench.size=20000} (see README).
 */
@QuarkusTest
@TestProfile(JourneyEndThroughputBenchmark.Bench.class)
class JourneyEndThroughputBenchmark {

    private static final int SIZE = Integer.getInteger("bench.size", 5_000);
    private static final String TOPIC = "journeys.instance-ended.bench";
    private static final String CHANNEL = "journey-ends";

    @Inject
    DataSource dataSource;

    @Inject
    ChannelRegistry channels;

    /** A topic and group of its own, and an intake the benchmark can hold while it fills the topic. */
    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return SendThroughputBenchmark.ownChannel(CHANNEL, TOPIC);
        }
    }

    @Test
    void withdrawsTheHeldEmailsOfAStoppedJourneyNextToAPlainRead() throws Exception {
        String run = "bench-end-" + uniqueId().substring(0, 8);
        holdOneEmailPerInstance(run);
        var intake = channels.getPausable(CHANNEL);
        intake.pause();
        Map<TopicPartition, Long> before = endOffsets();
        try (KafkaProducer<String, JourneyInstanceEnded> producer = SendThroughputBenchmark.producer("journey-ends")) {
            Instant at = Instant.now();
            for (int i = 0; i < SIZE; i++) {
                producer.send(new ProducerRecord<>(TOPIC, run + "-p" + (i % 500),
                        new JourneyInstanceEnded(run + "-i" + i, run + "-j", run + "-p" + (i % 500), "STOPPED", at)));
            }
            producer.flush();
        }
        long start = System.nanoTime();
        intake.resume();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Math.max(300, SIZE / 50)));
        while (withdrawn(run) < SIZE) {
            assertTrue(Instant.now().isBefore(deadline), "not every held email was withdrawn in time");
            Thread.sleep(20);
        }
        double service = (System.nanoTime() - start) / 1e9;
        assertEquals(SIZE, remembered(run), "every ended instance is remembered");
        double plainRead = plainRead(before);

        System.out.printf("%n| email-service journey-end benchmark (%d instances, one held email each) | instances"
                + " | seconds | instances/s | ratio to the plain read |%n|---|---:|---:|---:|---:|%n", SIZE);
        System.out.printf("| service: news on Kafka -> instance remembered, email SUPPRESSED with its event | %d | %.2f"
                + " | %.0f | %.3f |%n", SIZE, service, SIZE / service, plainRead / service);
        System.out.printf("| plain consumer reading the same records (baseline) | %d | %.2f | %.0f | 1.000 |%n", SIZE,
                plainRead, SIZE / plainRead);
    }

    /** One email per instance, held until tomorrow by its send window, inserted as the intake would leave it. */
    private void holdOneEmailPerInstance(String run) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO email_send (request_id, email_id, patient_id, journey_id, instance_id, status, reason,
                                        created_at, due_at, updated_at, send_window)
                SELECT ? || '-r' || g, ? || '-e', ? || '-p' || (g % 500), ? || '-j', ? || '-i' || g, 'DEFERRED',
                       'send-window', now(), now() + interval '1 day', now(), NULL
                FROM generate_series(0, ? - 1) AS g""")) {
            for (int i = 1; i <= 5; i++) {
                insert.setString(i, run);
            }
            insert.setInt(6, SIZE);
            assertEquals(SIZE, insert.executeUpdate());
        }
    }

    private long withdrawn(String run) throws SQLException {
        return count("SELECT count(*) FROM email_send WHERE journey_id = ? AND status = 'SUPPRESSED'", run + "-j");
    }

    private long remembered(String run) throws SQLException {
        return count("SELECT count(*) FROM journey_instance_ended WHERE instance_id LIKE ?", run + "-i%");
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Seconds a plain consumer takes to read and deserialize the run's records, from where they start. */
    private static double plainRead(Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, Object> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long start = System.nanoTime();
            int read = 0;
            while (read < SIZE) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Where the run's records will start, on each partition of the topic. */
    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, Object> consumer = consumer()) {
            return consumer.endOffsets(consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList());
        }
    }

    private static KafkaConsumer<String, Object> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "io.apicurio.registry.serde.avro.AvroKafkaDeserializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.use-specific-avro-reader", true));
    }
}
