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
import org.patientoutreach.triggers.match.CompiledTrigger;
import org.patientoutreach.triggers.match.TriggerIndex;
import org.patientoutreach.triggers.trigger.TriggerStats;

/**
 * Matches one interaction against the active triggers of its type (from the in-memory index), records each firing
 * and publishes it through the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class InteractionIntake {

    private static final Logger LOG = Logger.getLogger(InteractionIntake.class);

    private final Outbox outbox;
    private final TriggersConfig config;
    private final TriggerIndex index;

    public InteractionIntake(Outbox outbox, TriggersConfig config, TriggerIndex index) {
        this.outbox = outbox;
        this.config = config;
        this.index = index;
    }

    /** @return how many triggers fired */
    @Transactional(Transactional.TxType.MANDATORY)
    public int accept(PatientInteraction interaction) {
        int fired = 0;
        for (CompiledTrigger trigger : index.activeFor(interaction.getType())) {
            if (trigger.matches(interaction) && !withinDedupWindow(trigger, interaction) && fire(trigger, interaction)) {
                fired++;
            }
        }
        return fired;
    }

    private static boolean withinDedupWindow(CompiledTrigger trigger, PatientInteraction interaction) {
        return trigger.dedupWindow() != null && Firing.firedWithin(trigger.id(), interaction.getPatientId(),
                interaction.getOccurredAt(), trigger.dedupWindow());
    }

    private boolean fire(CompiledTrigger trigger, PatientInteraction interaction) {
        Firing firing = new Firing();
        firing.firingId = Firing.idFor(trigger.id(), interaction.getInteractionId());
        firing.triggerId = trigger.id();
        firing.patientId = interaction.getPatientId();
        firing.interactionId = interaction.getInteractionId();
        firing.interactionType = interaction.getType().name();
        firing.occurredAt = interaction.getOccurredAt();
        firing.firedAt = Instant.now();
        if (!firing.insertOnce()) {
            LOG.debugf("trigger %s already fired on interaction %s", trigger.id(), firing.interactionId);
            return false;
        }
        TriggerStats.recordFiring(trigger.id(), firing.firedAt);
        outbox.publish(config.firedTopic(), firing.patientId, TriggerFired.newBuilder()
                .setFiringId(firing.firingId.toString())
                .setTriggerId(trigger.id().toString())
                .setPatientId(firing.patientId)
                .setInteractionId(firing.interactionId)
                .setInteractionType(firing.interactionType)
                .setOccurredAt(firing.occurredAt)
                .setAttributes(attributesOf(interaction))
                .build());
        LOG.debugf("trigger %s fired on interaction %s (firing %s)", trigger.id(), firing.interactionId, firing.firingId);
        return true;
    }

    /** Journeys personalise and branch on these; the structured fields win over same-named attributes. */
    private static Map<String, String> attributesOf(PatientInteraction interaction) {
        Map<String, String> attributes = new HashMap<>(interaction.getAttributes());
        putIfPresent(attributes, "department", interaction.getDepartment());
        putIfPresent(attributes, "facility", interaction.getFacility());
        putIfPresent(attributes, "source", interaction.getSource());
        putIfPresent(attributes, "encounterId", interaction.getEncounterId());
        return attributes;
    }

    private static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
