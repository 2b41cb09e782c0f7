package org.patientoutreach.emails.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.patientoutreach.emails.send.SendService;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * The request ids of the SENT events the service publishes on {@code emails.delivery-events} from now on, read in the
 * background. How the benchmark sees a phase end: counting SENT rows in PostgreSQL twice a second read the whole
 * phase's index entries each time (31.6 million in one run, in pg_stat_user_indexes) and so loaded the database it
 * measures. Not {@code KafkaTestClient.openAtEnd}: its Apicurio deserializer looks up and fingerprints the schema for
 * every record, which cost this JVM 1.18 ms per email in a first version.
 */
final class SentEvents implements AutoCloseable {

    /** Apicurio Registry 3's wire format: a magic byte, then a 4-byte schema id, then the Avro binary. */
    private static final int APICURIO_HEADER = 5;

    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** Distinct SENT requests per request-id prefix (all but the number after the last dash), so a count is cheap. */
    private final Map<String, LongAdder> perPrefix = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    SentEvents() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(SendService.DELIVERY_TOPIC).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, before any request of the run is produced
        reader = new Thread(() -> {
            // The benchmark's own reader must cost little of the CPU it measures: one reused Avro reader over the
            // bytes after Apicurio's header, not a deserializer that looks the schema up and fingerprints it per record.
            SpecificDatumReader<EmailDeliveryEvent> avro = new SpecificDatumReader<>(EmailDeliveryEvent.class);
            BinaryDecoder decoder = null;
            EmailDeliveryEvent event = null;
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        byte[] value = record.value();
                        if (value == null || value.length <= APICURIO_HEADER) {
                            continue;
                        }
                        decoder = DecoderFactory.get().binaryDecoder(value, APICURIO_HEADER,
                                value.length - APICURIO_HEADER, decoder);
                        try {
                            event = avro.read(event, decoder);
                        } catch (IOException | RuntimeException notOurs) {
                            continue;
                        }
                        String id = event.getRequestId();
                        if (event.getType() == DeliveryEventType.SENT && sent.add(id)) {
                            perPrefix.computeIfAbsent(id.substring(0, id.lastIndexOf('-') + 1), p -> new LongAdder())
                                    .increment();
                        }
                    }
                }
            }
        }, "bench-sent-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** How many distinct requests whose id is {@code prefix} and a number were reported SENT. */
    long count(String prefix) {
        LongAdder count = perPrefix.get(prefix);
        return count == null ? 0 : count.sum();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(5_000);
    }
}
