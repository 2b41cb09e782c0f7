package org.patientoutreach.triggers.intake;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.patientoutreach.schemas.PatientInteraction;

/**
 * The HL7 and FHIR doors end here: each canonical interaction goes onto ehr.patient-interactions (key patientId),
 * the same topic EHRs publish to, so one consumer matches everything in per-patient order. Both methods return only
 * once the broker has acknowledged, so a door acknowledges its sender only for what is safely stored.
 */
@ApplicationScoped
public class InteractionPublisher {

    private static final Logger LOG = Logger.getLogger(InteractionPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<PatientInteraction> interactions;
    private final MutinyEmitter<byte[]> deadLetters;
    private final MutinyEmitter<PatientInteraction> deadInteractions;

    public InteractionPublisher(@Channel("interactions-out") MutinyEmitter<PatientInteraction> interactions,
            @Channel("intake-dead-letters") MutinyEmitter<byte[]> deadLetters,
            @Channel("interaction-dead-letters") MutinyEmitter<PatientInteraction> deadInteractions) {
        this.interactions = interactions;
        this.deadLetters = deadLetters;
        this.deadInteractions = deadInteractions;
    }

    public void publish(PatientInteraction interaction) {
        interactions.sendMessage(Message.of(interaction).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(interaction.getPatientId()).build())).await().atMost(ACK_TIMEOUT);
    }

    /**
     * Keeps what a door could not turn into an interaction, as received, on ehr.patient-interactions.dlq with the
     * reason in the same {@code dead-letter-reason} header the Kafka consumer's dead letters carry.
     */
    public void deadLetter(String door, String key, String reason, byte[] payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-source", door.getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build())).await().atMost(ACK_TIMEOUT);
        LOG.infof("%s message %s dead-lettered: %s", door, key, reason);
    }

    /** A readable interaction that cannot be used, kept as an Avro record like the ones EHRs publish. */
    public void deadLetter(String key, String reason, String origin, PatientInteraction interaction) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-source", "kafka".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-origin", origin.getBytes(StandardCharsets.UTF_8));
        deadInteractions.sendMessage(Message.of(interaction).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build())).await().atMost(ACK_TIMEOUT);
        LOG.infof("interaction record %s dead-lettered: %s", origin, reason);
    }
}
