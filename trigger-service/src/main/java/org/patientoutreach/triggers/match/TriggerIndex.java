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
import org.patientoutreach.triggers.trigger.Trigger;

/**
 * The active triggers by interaction type, in memory, so matching an interaction costs no query and 1,000 triggers
 * cost only the ones of its type. This replica reloads right after any trigger change commits (before the API call
 * returns); other replicas pick a change up within {@code triggers.index-refresh}.
 */
@ApplicationScoped
public class TriggerIndex {

    private static final Logger LOG = Logger.getLogger(TriggerIndex.class);

    private volatile Map<InteractionType, List<CompiledTrigger>> byType = Map.of();

    public List<CompiledTrigger> activeFor(InteractionType type) {
        return byType.getOrDefault(type, List.of());
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
        Map<InteractionType, List<CompiledTrigger>> next = new EnumMap<>(InteractionType.class);
        for (Trigger trigger : active) {
            CompiledTrigger compiled = trigger.compile();
            for (InteractionType type : trigger.types()) {
                next.computeIfAbsent(type, t -> new ArrayList<>()).add(compiled);
            }
        }
        next.replaceAll((type, list) -> List.copyOf(list));
        byType = next;
        LOG.debugf("trigger index holds %d active trigger(s)", active.size());
    }
}
