package org.patientoutreach.e2e;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * A steady trigger load during the crash run: one CHECKED_IN per patient, at a fixed rate, on its own thread, each
 * tagged with the phase of the run it was published in. A check-in counts as intended only once the broker has
 * acknowledged it; the producer waits out a Kafka restart (idempotent, long delivery timeout) instead of failing,
 * so what the EHR side sends is never itself in doubt.
 */
final class CheckInLoad implements AutoCloseable {

    private final List<String> patients;
    private final int perSecond;
    private final String department;
    private final KafkaProducer<String, Object> producer;
    /** Patient id -> phase, for every check-in the broker acknowledged. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String phase = "start";
    private volatile boolean running = true;
    private final Thread thread;

    CheckInLoad(List<String> patients, int perSecond, String department) {
        this.patients = patients;
        this.perSecond = perSecond;
        this.department = department;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.apicurio.registry.serde.avro.AvroKafkaSerializer",
                "apicurio.registry.url", KafkaTestClient.REGISTRY,
                "apicurio.registry.auto-register", "true"));
        this.thread = new Thread(this::publish, "check-in-load");
    }

    void start() {
        thread.start();
    }

    /** Check-ins published from now on belong to {@code name} in the report. */
    void phase(String name) {
        this.phase = name;
    }

    private void publish() {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < patients.size() && running; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            String patient = patients.get(i);
            String publishedIn = phase;
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>("ehr.patient-interactions", patient, PatientInteraction.newBuilder()
                    .setInteractionId(UUID.randomUUID().toString()).setPatientId(patient)
                    .setType(InteractionType.CHECKED_IN).setOccurredAt(now).setSource("chaos-ehr")
                    .setFacility("Main Street Clinic").setDepartment(department).setAttributes(Map.of()).build()),
                    (metadata, failure) -> {
                        if (failure == null) {
                            acknowledged.put(patient, publishedIn);
                        } else {
                            refused.incrementAndGet();
                        }
                    });
        }
    }

    /** Stops publishing and waits until every check-in sent so far is acknowledged or refused. */
    Map<String, String> stop() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
        return Map.copyOf(acknowledged);
    }

    /** Check-ins the broker refused for good (not intended: nobody should get a follow-up for them). */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        running = false;
        producer.close();
    }
}
