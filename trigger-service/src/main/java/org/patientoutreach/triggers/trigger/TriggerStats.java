package org.patientoutreach.triggers.trigger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How often a trigger fired and when last. Kept beside the definition, not in it, so that firing never bumps the
 * definition's version (which would turn a marketer's edit into a 409).
 */
@Entity
@Table(name = "trigger_stats")
public class TriggerStats extends PanacheEntityBase {

    @Id
    @Column(name = "trigger_id")
    public UUID triggerId;

    @Column(name = "fired_count")
    public long firedCount;

    @Column(name = "last_fired_at")
    public Instant lastFiredAt;

    /** Counts one firing; an upsert, so concurrent firings of one trigger add up. */
    public static void recordFiring(UUID triggerId, Instant at) {
        getEntityManager().createNativeQuery("""
                INSERT INTO trigger_stats (trigger_id, fired_count, last_fired_at) VALUES (?1, 1, ?2)
                ON CONFLICT (trigger_id) DO UPDATE SET fired_count = trigger_stats.fired_count + 1,
                    last_fired_at = GREATEST(trigger_stats.last_fired_at, EXCLUDED.last_fired_at)""")
                .setParameter(1, triggerId).setParameter(2, at).executeUpdate();
    }

    public static Map<UUID, TriggerStats> of(Collection<UUID> triggerIds) {
        if (triggerIds.isEmpty()) {
            return Map.of();
        }
        return TriggerStats.<TriggerStats>list("triggerId in ?1", triggerIds).stream()
                .collect(Collectors.toMap(s -> s.triggerId, Function.identity()));
    }
}
