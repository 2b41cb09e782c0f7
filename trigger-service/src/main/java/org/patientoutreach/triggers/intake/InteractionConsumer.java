package org.patientoutreach.triggers.intake;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.schemas.PatientInteraction;

/**
 * Kafka intake of ehr.patient-interactions. A record that cannot be processed throws, and the channel's
 * dead-letter strategy moves it to ehr.patient-interactions.dlq with the reason in its headers.
 */
@ApplicationScoped
public class InteractionConsumer {

    static final String CONSUMER = "trigger-service.interactions";
    private static final Logger LOG = Logger.getLogger(InteractionConsumer.class);

    private final Inbox inbox;
    private final InteractionIntake intake;

    public InteractionConsumer(Inbox inbox, InteractionIntake intake) {
        this.inbox = inbox;
        this.intake = intake;
    }

    @Incoming("interactions")
    @Blocking
    @Transactional
    public void consume(PatientInteraction interaction) {
        requireUsable(interaction);
        if (!inbox.firstDelivery(CONSUMER, interaction.getInteractionId())) {
            LOG.debugf("interaction %s already processed", interaction.getInteractionId());
            return;
        }
        int fired = intake.accept(interaction);
        LOG.debugf("interaction %s fired %d trigger(s)", interaction.getInteractionId(), fired);
    }

    /** Avro guarantees the ids are non-null, not that they are usable. Messages name the field, never a value. */
    private static void requireUsable(PatientInteraction interaction) {
        if (interaction == null) {
            throw new IllegalArgumentException("record has no value (tombstone or unreadable)");
        }
        if (interaction.getInteractionId().isBlank()) {
            throw new IllegalArgumentException("interactionId is blank");
        }
        if (interaction.getPatientId().isBlank()) {
            throw new IllegalArgumentException("patientId is blank");
        }
    }
}
