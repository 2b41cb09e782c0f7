package org.patientoutreach.triggers.match;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.Trigger;

/**
 * The active triggers by interaction type, in memory and compiled, so matching an interaction costs no query and
 * 1,000 triggers cost only the ones of its type that can match (indexed by an EQUALS or IN value). This replica
 * reloads right after any trigger change commits (before the API call returns); other replicas pick a change up
 * within {@code triggers.index-refresh}.
 */
@ApplicationScoped
public class TriggerIndex {

    private static final Logger LOG = Logger.getLogger(TriggerIndex.class);

    private volatile Map<InteractionType, TriggerCandidates> byType = Map.of();

    /**
     * The active triggers of the interaction's type that may match it (see {@link TriggerCandidates}); the caller
     * still checks every condition.
     */
    public List<CompiledTrigger> candidatesFor(PatientInteraction interaction) {
        TriggerCandidates candidates = byType.get(interaction.getType());
        return candidates == null ? List.of() : candidates.candidatesFor(interaction);
    }

    void onStart(@Observes StartupEvent start) {
        reload();
    }

    void afterChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) TriggersChanged changed) {
        reload();
    }

    @Scheduled(every = "${triggers.index-refresh:5s}", delayed = "${triggers.index-refresh:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reload();
    }

    /**
     * Serialised so that a reload which read before a later commit can never replace one that read after it: the
     * reload triggered by the later commit always runs, and reads, last.
     */
    public synchronized void reload() {
        List<Trigger> active = QuarkusTransaction.requiringNew().call(Trigger::active);
        Map<InteractionType, List<CompiledTrigger>> lists = new EnumMap<>(InteractionType.class);
        for (Trigger trigger : active) {
            CompiledTrigger compiled = trigger.compile();
            for (InteractionType type : trigger.types()) {
                lists.computeIfAbsent(type, t -> new ArrayList<>()).add(compiled);
            }
        }
        Map<InteractionType, TriggerCandidates> next = new EnumMap<>(InteractionType.class);
        lists.forEach((type, list) -> next.put(type, new TriggerCandidates(list)));
        byType = next;
        LOG.debugf("trigger index holds %d active trigger(s)", active.size());
    }
}
