package org.patientoutreach.e2e;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * One journey's delivery events on emails.delivery-events, counted from the moment this opened: distinct patients
 * per outcome, and the first and last SENT stamp (email-service stamps SENT right after the SMTP server's 250). Only
 * ids and counts are kept: 100k events would not fit a subscription that keeps records.
 */
final class SentEvents implements AutoCloseable {

    /** What was seen: distinct patients per outcome and the SENT stamps' range (epoch ms, 0 if none). */
    record Tally(Map<DeliveryEventType, Integer> patients, long firstSentAt, long lastSentAt) {
        int of(DeliveryEventType type) {
            return patients.getOrDefault(type, 0);
        }
    }

    private final KafkaConsumer<String, Object> consumer;
    private final Map<DeliveryEventType, Set<String>> seen = new EnumMap<>(DeliveryEventType.class);
    private long firstSentAt = Long.MAX_VALUE;
    private long lastSentAt;

    SentEvents() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaDeserializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.use-specific-avro-reader", "true"));
        consumer.subscribe(List.of("emails.delivery-events"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100)); // nothing of the journey exists yet: records before it are not ours
        }
        consumer.assignment().forEach(consumer::position); // pins "latest" before the go-live
    }

    /**
     * Polls until {@code expected} patients have an outcome (SENT, SUPPRESSED or FAILED), or nothing new arrived for
     * {@code stall}; returns what was seen.
     */
    Tally await(String journeyId, int expected, Duration stall) {
        long lastNews = System.nanoTime();
        while (finished() < expected && System.nanoTime() - lastNews < stall.toNanos()) {
            for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() instanceof EmailDeliveryEvent e && journeyId.equals(e.getJourneyId())
                        && seen.computeIfAbsent(e.getType(), t -> new HashSet<>()).add(e.getPatientId())) {
                    lastNews = System.nanoTime();
                    if (e.getType() == DeliveryEventType.SENT) {
                        firstSentAt = Math.min(firstSentAt, e.getAt().toEpochMilli());
                        lastSentAt = Math.max(lastSentAt, e.getAt().toEpochMilli());
                    }
                }
            }
        }
        Map<DeliveryEventType, Integer> counts = new EnumMap<>(DeliveryEventType.class);
        seen.forEach((type, patients) -> counts.put(type, patients.size()));
        return new Tally(counts, lastSentAt == 0 ? 0 : firstSentAt, lastSentAt);
    }

    private int finished() {
        int n = 0;
        for (DeliveryEventType type : List.of(DeliveryEventType.SENT, DeliveryEventType.SUPPRESSED,
                DeliveryEventType.FAILED)) {
            n += seen.getOrDefault(type, Set.of()).size();
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
