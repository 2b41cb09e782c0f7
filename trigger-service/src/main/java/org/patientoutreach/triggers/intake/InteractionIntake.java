package org.patientoutreach.triggers.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.schemas.TriggerFired;
import org.patientoutreach.triggers.TriggersConfig;
import org.patientoutreach.triggers.firing.Firing;
import org.patientoutreach.triggers.trigger.Trigger;

/** Matches one interaction against the active triggers, records each firing and publishes it through the outbox. */
@ApplicationScoped
public class InteractionIntake {

    private static final Logger LOG = Logger.getLogger(InteractionIntake.class);

    private final Outbox outbox;
    private final TriggersConfig config;

    public InteractionIntake(Outbox outbox, TriggersConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** @return how many triggers fired */
    @Transactional(Transactional.TxType.MANDATORY)
    public int accept(PatientInteraction interaction) {
        int fired = 0;
        for (Trigger trigger : Trigger.activeFor(interaction.getType())) {
            if (TriggerMatcher.matches(trigger.conditions(), interaction) && !coolingDown(trigger, interaction)) {
                fire(trigger, interaction);
                fired++;
            }
        }
        return fired;
    }

    private static boolean coolingDown(Trigger trigger, PatientInteraction interaction) {
        return trigger.cooldown() != null && Firing.firedWithin(trigger.id, interaction.getPatientId(),
                interaction.getOccurredAt(), trigger.cooldown());
    }

    private void fire(Trigger trigger, PatientInteraction interaction) {
        Firing firing = new Firing();
        firing.firingId = Firing.idFor(trigger.id, interaction.getInteractionId());
        firing.triggerId = trigger.id;
        firing.patientId = interaction.getPatientId();
        firing.interactionId = interaction.getInteractionId();
        firing.interactionType = interaction.getType().name();
        firing.occurredAt = interaction.getOccurredAt();
        firing.firedAt = Instant.now();
        firing.persist();
        outbox.publish(config.firedTopic(), firing.patientId, TriggerFired.newBuilder()
                .setFiringId(firing.firingId.toString())
                .setTriggerId(trigger.id.toString())
                .setPatientId(firing.patientId)
                .setInteractionId(firing.interactionId)
                .setInteractionType(firing.interactionType)
                .setOccurredAt(firing.occurredAt)
                .setAttributes(attributesOf(interaction))
                .build());
        LOG.infof("trigger %s fired on interaction %s (firing %s)", trigger.id, firing.interactionId, firing.firingId);
    }

    /** Journeys personalise and branch on these; the structured department and facility win over same-named attributes. */
    private static Map<String, String> attributesOf(PatientInteraction interaction) {
        Map<String, String> attributes = new HashMap<>(interaction.getAttributes());
        if (interaction.getDepartment() != null) {
            attributes.put("department", interaction.getDepartment());
        }
        if (interaction.getFacility() != null) {
            attributes.put("facility", interaction.getFacility());
        }
        return attributes;
    }
}
