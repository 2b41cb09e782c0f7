package org.patientoutreach.triggers.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * Matches a batch of interactions, in order, against the active triggers that can match them (from the in-memory
 * index), and records the firings in the caller's transaction with a fixed number of statements whatever the batch
 * size: the firings (new ones only), the per-trigger counts, the outbox rows.
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

    private record Match(Firing firing, PatientInteraction interaction) {
    }

    /** @return how many triggers fired */
    @Transactional(Transactional.TxType.MANDATORY)
    public int acceptAll(List<PatientInteraction> interactions) {
        Instant now = Instant.now();
        CooldownCheck cooldowns = new CooldownCheck();
        List<Match> matches = new ArrayList<>();
        for (PatientInteraction interaction : interactions) {
            for (CompiledTrigger trigger : index.candidatesFor(interaction)) {
                if (trigger.matches(interaction) && !cooldowns.blocks(trigger, interaction)) {
                    cooldowns.record(trigger, interaction);
                    matches.add(new Match(firingOf(trigger, interaction, now), interaction));
                }
            }
        }
        Set<UUID> inserted = Firing.insertNew(matches.stream().map(Match::firing).toList());
        List<Match> fired = matches.stream().filter(m -> inserted.contains(m.firing().firingId)).toList();
        if (fired.size() < matches.size()) {
            LOG.debugf("%d firing(s) already recorded (redelivered interactions)", matches.size() - fired.size());
        }
        TriggerStats.recordFirings(tallies(fired));
        publish(fired);
        return fired.size();
    }

    private static Firing firingOf(CompiledTrigger trigger, PatientInteraction interaction, Instant now) {
        Firing firing = new Firing();
        firing.firingId = Firing.idFor(trigger.id(), interaction.getInteractionId());
        firing.triggerId = trigger.id();
        firing.patientId = interaction.getPatientId();
        firing.interactionId = interaction.getInteractionId();
        firing.interactionType = interaction.getType().name();
        firing.occurredAt = interaction.getOccurredAt();
        firing.firedAt = now;
        return firing;
    }

    private static Map<UUID, TriggerStats.Tally> tallies(List<Match> fired) {
        Map<UUID, TriggerStats.Tally> tallies = new HashMap<>();
        for (Match m : fired) {
            tallies.merge(m.firing().triggerId, new TriggerStats.Tally(1, m.firing().firedAt),
                    (a, b) -> new TriggerStats.Tally(a.count() + b.count(),
                            a.lastFiredAt().isAfter(b.lastFiredAt()) ? a.lastFiredAt() : b.lastFiredAt()));
        }
        return tallies;
    }

    /**
     * Outbox rows in batch order. {@code publishAll} takes one record per key, so a patient with several firings in
     * the batch spreads them over successive calls, in order: the relay publishes by row order, so each patient's
     * TriggerFired events keep the order of their interactions.
     */
    private void publish(List<Match> fired) {
        List<Map<String, TriggerFired>> rounds = new ArrayList<>();
        Map<String, Integer> firingsOfPatient = new HashMap<>();
        for (Match m : fired) {
            int round = firingsOfPatient.merge(m.firing().patientId, 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).put(m.firing().patientId, eventOf(m));
        }
        rounds.forEach(round -> outbox.publishAll(config.firedTopic(), round));
    }

    private static TriggerFired eventOf(Match m) {
        Firing firing = m.firing();
        return TriggerFired.newBuilder()
                .setFiringId(firing.firingId.toString())
                .setTriggerId(firing.triggerId.toString())
                .setPatientId(firing.patientId)
                .setInteractionId(firing.interactionId)
                .setInteractionType(firing.interactionType)
                .setOccurredAt(firing.occurredAt)
                .setAttributes(attributesOf(m.interaction()))
                .build();
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
