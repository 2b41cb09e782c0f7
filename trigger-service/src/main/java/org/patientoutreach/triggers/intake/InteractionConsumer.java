package org.patientoutreach.triggers.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.schemas.PatientInteraction;

/**
 * Kafka intake of ehr.patient-interactions, a poll's worth of records per transaction with a fixed number of
 * statements (inbox marks, firings, counts, outbox rows): one commit and a handful of round trips for the whole batch
 * is what lets a single ordered consumer keep up with an EHR's rate. Records stay in partition order, so each
 * patient's interactions are matched in the order they were published. A record that cannot be used goes to
 * ehr.patient-interactions.dlq with the reason and the batch goes on; if the batch's transaction fails, its records
 * are retried one per transaction so that only the culprit is dead-lettered.
 */
@ApplicationScoped
public class InteractionConsumer {

    static final String CONSUMER = "trigger-service.interactions";
    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private final Inbox inbox;
    private final InteractionIntake intake;
    private final InteractionPublisher deadLetters;

    public InteractionConsumer(Inbox inbox, InteractionIntake intake, InteractionPublisher deadLetters) {
        this.inbox = inbox;
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Incoming("interactions")
    @Blocking
    public void consume(ConsumerRecords<String, PatientInteraction> records) {
        List<ConsumerRecord<String, PatientInteraction>> usable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, PatientInteraction> record : records) {
            String problem = problemOf(record.value());
            if (problem == null) {
                usable.add(record);
            } else {
                deadLetter(record, problem);
            }
        }
        if (usable.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> process(usable));
        } catch (RuntimeException batchFailed) {
            LOG.warnf("a batch of %d interactions failed (%s); retrying them one by one", usable.size(),
                    batchFailed.getClass().getSimpleName());
            for (ConsumerRecord<String, PatientInteraction> record : usable) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> process(List.of(record)));
                } catch (RuntimeException e) {
                    deadLetter(record, "processing failed: " + e.getClass().getSimpleName());
                }
            }
        }
    }

    /** Skips what the inbox has seen, including a second copy within the batch, and matches the rest in order. */
    private void process(List<ConsumerRecord<String, PatientInteraction>> records) {
        Set<String> fresh = inbox.firstDeliveries(CONSUMER,
                records.stream().map(r -> r.value().getInteractionId()).toList());
        List<PatientInteraction> firstSeen = new ArrayList<>(fresh.size());
        for (ConsumerRecord<String, PatientInteraction> record : records) {
            if (fresh.remove(record.value().getInteractionId())) {
                firstSeen.add(record.value());
            } else {
                LOG.debugf("interaction %s already processed", record.value().getInteractionId());
            }
        }
        int fired = intake.acceptAll(firstSeen);
        LOG.debugf("%d interaction(s) fired %d trigger(s)", firstSeen.size(), fired);
    }

    /** Avro guarantees the ids are non-null, not that they are usable. Reasons name the field, never a value. */
    private static String problemOf(PatientInteraction interaction) {
        if (interaction == null) {
            return "record has no value (tombstone or unreadable)";
        }
        if (interaction.getInteractionId().isBlank()) {
            return "interactionId is blank";
        }
        if (interaction.getPatientId().isBlank()) {
            return "patientId is blank";
        }
        return null;
    }

    private void deadLetter(ConsumerRecord<String, PatientInteraction> record, String reason) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.value() != null) {
            deadLetters.deadLetter(record.key(), reason, where, record.value());
            return;
        }
        Header raw = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_VALUE_DATA);
        if (raw == null) {
            raw = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA);
        }
        String cause = header(record, DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        deadLetters.deadLetter("kafka", record.key(), cause == null ? reason : reason + ": " + cause,
                raw == null ? new byte[0] : raw.value());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
