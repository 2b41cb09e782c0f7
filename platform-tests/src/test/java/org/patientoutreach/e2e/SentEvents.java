package org.patientoutreach.e2e;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
        // Nothing of the journey exists yet: records from before the go-live are not ours.
        consumer = KafkaTestClient.openAtEnd("emails.delivery-events", 5000, r -> { });
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
