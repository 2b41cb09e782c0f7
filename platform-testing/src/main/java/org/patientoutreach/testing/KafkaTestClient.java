package org.patientoutreach.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Talks to the real broker and registry the way an EHR or another service would: Avro values through Apicurio's
 * serde. Consumers start at the end of the topic when created, so a test sees only what happens after it asked.
 */
public final class KafkaTestClient implements AutoCloseable {

    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers",
            System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
    public static final String REGISTRY = System.getProperty("apicurio.registry.url",
            System.getenv().getOrDefault("APICURIO_REGISTRY_URL", "http://127.0.0.1:8086/apis/registry/v3"));

    private static KafkaTestClient shared;

    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;

    public KafkaTestClient() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaSerializer",
                "apicurio.registry.url", REGISTRY,
                "apicurio.registry.auto-register", "true"));
        rawProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /**
     * The one client of this test JVM, opened on first use and closed when the JVM exits: every test class shares its
     * producers instead of opening and closing its own.
     */
    public static synchronized KafkaTestClient shared() {
        if (shared == null) {
            shared = new KafkaTestClient();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-test-client-close"));
        }
        return shared;
    }

    /** Sends an Avro record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, SpecificRecord value) {
        await(() -> producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS));
    }

    /** Sends bytes that are not a registry-framed Avro record: what a broken producer would publish. */
    public void sendPoison(String topic, String key, byte[] value) {
        await(() -> rawProducer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS));
    }

    /**
     * A consumer of its own group, joined and positioned at the end of each partition of {@code topic} before this
     * returns, so that it sees only what is published after. Avro values through the registry; raw bytes for
     * dead-letter topics (*.dlq), whose values may be anything. Records that arrive while joining go to {@code early}.
     */
    public static KafkaConsumer<String, Object> openAtEnd(String topic, int maxPollRecords,
            java.util.function.Consumer<ConsumerRecord<String, Object>> early) {
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(maxPollRecords)),
                new StringDeserializer(), values(topic));
        consumer.subscribe(List.of(topic));
        // Join the group and fix the start position before the caller acts.
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100)).forEach(early);
        }
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    /** A subscription opened now, at the end of each partition of {@code topic}. */
    public Subscription subscribe(String topic) {
        return new Subscription(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        rawProducer.close(Duration.ofSeconds(5));
    }

    private static void await(Callable call) {
        try {
            call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka send failed", e);
        }
    }

    private interface Callable {
        void run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * One Avro deserializer for every consumer of this JVM. Each new deserializer starts with an empty schema cache and
     * asks the registry again for every schema it meets, and the tests open a subscription in 96 places; one such
     * lookup once never got its answer and held a whole test run (the registry client waits without a timeout).
     * Shared, the cache fills once. Closing a consumer closes its deserializer, so this one ignores close.
     */
    private static final class SharedAvro implements Deserializer<Object> {
        static final SharedAvro VALUES = new SharedAvro();

        private final Deserializer<Object> avro = avro();

        private static Deserializer<Object> avro() {
            Deserializer<Object> avro = new AvroKafkaDeserializer<>();
            avro.configure(Map.of("apicurio.registry.url", REGISTRY,
                    "apicurio.registry.use-specific-avro-reader", "true"), false);
            return avro;
        }

        @Override
        public Object deserialize(String topic, byte[] data) {
            return avro.deserialize(topic, data);
        }

        @Override
        public Object deserialize(String topic, Headers headers, byte[] data) {
            return avro.deserialize(topic, headers, data);
        }

        @Override
        public void close() {
            // shared: lives as long as the JVM
        }
    }

    /** Dead-letter topics as raw bytes (whatever a broken producer published), every other topic as Avro. */
    @SuppressWarnings("unchecked")
    private static Deserializer<Object> values(String topic) {
        Deserializer<?> values = topic.endsWith(".dlq") ? new ByteArrayDeserializer() : SharedAvro.VALUES;
        return (Deserializer<Object>) values;
    }

    /** Reads Avro records (as generated classes) or, for dead-letter topics, raw values with headers. */
    public static final class Subscription implements AutoCloseable {
        private final KafkaConsumer<String, Object> consumer;
        private final List<ConsumerRecord<String, Object>> seen = new ArrayList<>();

        private Subscription(String topic) {
            consumer = openAtEnd(topic, 500, seen::add);
        }

        /** Waits for the first record matching {@code match}; fails after {@code timeout}. */
        public ConsumerRecord<String, Object> await(Predicate<ConsumerRecord<String, Object>> match, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                for (ConsumerRecord<String, Object> record : seen) {
                    if (match.test(record)) {
                        return record;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no matching record within " + timeout + " (saw " + seen.size() + ")");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
        }

        /** Waits for the first record under {@code key} whose value is a {@code type} matching {@code match}. */
        public <T> T awaitValue(String key, Class<T> type, Predicate<T> match, Duration timeout) {
            return type.cast(await(r -> key.equals(r.key()) && type.isInstance(r.value())
                    && match.test(type.cast(r.value())), timeout).value());
        }

        /** Polls for {@code window} and returns every record that arrived, for asserting that something did not happen. */
        public List<ConsumerRecord<String, Object>> drain(Duration window) {
            Instant deadline = Instant.now().plus(window);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
