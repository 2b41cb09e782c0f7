package org.patientoutreach.triggers.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.testing.BenchResults;
import org.patientoutreach.testing.KafkaTestClient;
import org.patientoutreach.triggers.TriggerApi;

/**
 * Publishes interactions at fixed rates, as an EHR would, against {@code bench.triggers} active CHECKED_IN triggers
 * (each with three conditions, so every interaction is matched against all of them and fires exactly one), and
 * measures publish → TriggerFired seen on triggers.fired. The baseline is a plain Kafka produce → consume round trip
 * of the same records at the same rate, in the same run. A rate counts as sustained when every firing arrived and
 * the last one within {@code bench.catch-up} of the last publish.
 *
 * <pre>
 * flock /tmp/outreach-mvn.lock ./mvnw -B -q -o -pl trigger-service test -Dtest=IntakeBenchmark \
 *     -Dbench.rates=250,500,1000 -Dbench.seconds=10 -Dbench.triggers=100
 * </pre>
 */
@QuarkusTest
class IntakeBenchmark {

    private static final int RATES_DEFAULT_SECONDS = 10;
    private static final String INTERACTIONS = "ehr.patient-interactions";
    private static final String FIRED = "triggers.fired";
    private static final String BASELINE_TOPIC = "bench.kafka-roundtrip";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final int seconds = Integer.getInteger("bench.seconds", RATES_DEFAULT_SECONDS);
    private final int triggers = Integer.getInteger("bench.triggers", 100);
    private final Duration catchUp = Duration.parse(System.getProperty("bench.catch-up", "PT2S"));
    private final int[] rates = Arrays.stream(System.getProperty("bench.rates", "250,500,1000").split(","))
            .mapToInt(r -> Integer.parseInt(r.strip())).toArray();

    record Result(String what, int rate, int sent, int seen, double achieved, long p50, long p99, long max,
            boolean sustained) {
    }

    @Test
    void publishToTriggerFiredLatencyAtFixedRates() throws Exception {
        for (int i = 0; i < triggers; i++) {
            TriggerApi.create(Map.of("name", "bench " + i, "interactionType", "CHECKED_IN", "conditions", List.of(
                    Map.of("field", "department", "operator", "EQUALS", "value", department(i)),
                    Map.of("field", "attributes.appointmentType", "operator", "IN", "values", List.of("new", "follow-up")),
                    Map.of("field", "facility", "operator", "PREFIX", "value", "Main"))));
        }
        List<Result> results = new ArrayList<>();
        try (KafkaProducer<String, Object> producer = producer()) {
            // warm-up: schema look-ups, connections, JIT
            measure(producer, "warm-up", 200, 3, FIRED, r -> ((TriggerFired) r.value()).getInteractionId());
            for (int rate : rates) {
                results.add(measure(producer, "kafka round trip (baseline)", rate, seconds, BASELINE_TOPIC,
                        r -> ((PatientInteraction) r.value()).getInteractionId()));
                results.add(measure(producer, "publish -> TriggerFired", rate, seconds, FIRED,
                        r -> ((TriggerFired) r.value()).getInteractionId()));
            }
        }
        print(results);
        assertTrue(results.stream().allMatch(r -> r.seen() > 0), "every run saw records");
    }

    private Result measure(KafkaProducer<String, Object> producer, String what, int rate, int durationSeconds,
            String watched, Function<ConsumerRecord<String, Object>, String> idOf) throws Exception {
        String topic = watched.equals(FIRED) ? INTERACTIONS : BASELINE_TOPIC;
        int total = rate * durationSeconds;
        String prefix = "bench-" + run + "-" + what.hashCode() + "-" + rate + "-";
        Map<String, Long> sentAt = new ConcurrentHashMap<>(total * 2);
        Map<String, Long> seenAt = new ConcurrentHashMap<>(total * 2);
        AtomicBoolean stop = new AtomicBoolean();
        try (KafkaConsumer<String, Object> consumer = consumer(watched)) {
            Thread poller = new Thread(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(20))) {
                        String id = idOf.apply(r);
                        if (id.startsWith(prefix)) {
                            seenAt.putIfAbsent(id, System.nanoTime());
                        }
                    }
                }
            });
            poller.start();
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String patient = "bench-patient-" + (i % 5_000);
                PatientInteraction interaction = interaction(prefix + i, patient, i);
                sentAt.put(interaction.getInteractionId(), System.nanoTime());
                producer.send(new ProducerRecord<>(topic, patient, interaction));
            }
            producer.flush();
            long lastSent = System.nanoTime();
            double achieved = total / ((lastSent - start) / 1e9);
            long deadline = lastSent + Duration.ofSeconds(60).toNanos();
            while (seenAt.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            stop.set(true);
            poller.join();
            long[] latencies = seenAt.entrySet().stream()
                    .mapToLong(e -> (e.getValue() - sentAt.get(e.getKey())) / 1_000).sorted().toArray();
            long lastSeen = seenAt.values().stream().mapToLong(Long::longValue).max().orElse(lastSent);
            boolean sustained = seenAt.size() == total && lastSeen - lastSent <= catchUp.toNanos();
            return new Result(what, rate, total, seenAt.size(), achieved, percentile(latencies, 50),
                    percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1], sustained);
        }
    }

    private String department(int i) {
        return "bench-" + run + "-dept-" + i;
    }

    private PatientInteraction interaction(String id, String patient, int i) {
        return PatientInteraction.newBuilder()
                .setInteractionId(id).setPatientId(patient).setType(InteractionType.CHECKED_IN)
                .setOccurredAt(Instant.now()).setSource("bench-ehr").setFacility("Main Street Clinic")
                .setDepartment(department(i % triggers)).setEncounterId(id)
                .setAttributes(Map.of("appointmentType", "follow-up"))
                .build();
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private void print(List<Result> results) {
        System.out.printf("%nIntakeBenchmark: %d active CHECKED_IN triggers (3 conditions each), %d s per rate%n",
                triggers, seconds);
        System.out.printf("%-28s %6s %7s %7s %9s %9s %9s %9s %9s %s%n", "path", "rate/s", "sent", "seen",
                "achieved", "p50 ms", "p99 ms", "max ms", "p99/base", "sustained");
        Result baseline = null;
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            if (r.what().startsWith("kafka")) {
                baseline = r;
            }
            String ratio = r.what().startsWith("kafka") || baseline == null || baseline.p99() == 0 ? ""
                    : String.format("%.1fx", (double) r.p99() / baseline.p99());
            System.out.printf("%-28s %6d %7d %7d %9.0f %9.1f %9.1f %9.1f %9s %s%n", r.what(), r.rate(), r.sent(),
                    r.seen(), r.achieved(), r.p50() / 1000.0, r.p99() / 1000.0, r.max() / 1000.0, ratio,
                    r.sustained() ? "yes" : "no");
            rows.add(List.of(r.what(), String.valueOf(r.rate()), String.valueOf(r.sent()), String.valueOf(r.seen()),
                    String.format("%.0f", r.achieved()), String.format("%.1f", r.p50() / 1000.0),
                    String.format("%.1f", r.p99() / 1000.0), String.format("%.1f", r.max() / 1000.0), ratio,
                    r.sustained() ? "yes" : "no"));
        }
        BenchResults.write(BenchResults.of("trigger-service", "intake", "EHR publish to TriggerFired at fixed rates",
                String.format("bench.rates=%s, %d s per rate, %d active triggers (3 conditions each)",
                        System.getProperty("bench.rates", "250,500,1000"), seconds, triggers),
                "a plain Kafka produce -> consume round trip at the same rate (p99/base)",
                List.of("path", "rate/s", "sent", "seen", "achieved", "p50 ms", "p99 ms", "max ms", "p99/base",
                        "sustained"), rows)
                .withCharts(BenchResults.chart("p99 latency by rate, ms", "rate/s", "path", true, "p99 ms")));
    }

    private static KafkaProducer<String, Object> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaSerializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.auto-register", "true"));
    }

    /** Starts at the end of the topic, so only this run's records count. */
    private static KafkaConsumer<String, Object> consumer(String topic) {
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaDeserializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.use-specific-avro-reader", "true"));
        consumer.subscribe(List.of(topic));
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(50));
        }
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }
}
