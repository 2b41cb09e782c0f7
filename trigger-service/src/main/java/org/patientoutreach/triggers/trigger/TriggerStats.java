package org.patientoutreach.triggers.trigger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

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

    /** How often one trigger fired in a batch, and when last. */
    public record Tally(long count, Instant lastFiredAt) {
    }

    /**
     * Adds a batch's firings, one row per trigger and one statement for all, so a popular trigger's row is updated
     * once per batch instead of once per firing. An upsert, so concurrent batches add up; rows are locked in id order
     * so that two replicas never deadlock on them.
     */
    public static void recordFirings(Map<UUID, Tally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        List<UUID> ids = tallies.keySet().stream().sorted().toList();
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO trigger_stats (trigger_id, fired_count, last_fired_at)
                    SELECT id, n, at::timestamptz FROM unnest(?::uuid[], ?::bigint[], ?::text[]) AS u(id, n, at)
                    ON CONFLICT (trigger_id) DO UPDATE SET fired_count = trigger_stats.fired_count + EXCLUDED.fired_count,
                        last_fired_at = GREATEST(trigger_stats.last_fired_at, EXCLUDED.last_fired_at)""")) {
                upsert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                upsert.setArray(2, connection.createArrayOf("bigint",
                        ids.stream().map(id -> tallies.get(id).count()).toArray()));
                upsert.setArray(3, connection.createArrayOf("text",
                        ids.stream().map(id -> tallies.get(id).lastFiredAt().toString()).toArray()));
                upsert.executeUpdate();
            }
        });
    }

    public static Map<UUID, TriggerStats> of(Collection<UUID> triggerIds) {
        if (triggerIds.isEmpty()) {
            return Map.of();
        }
        return TriggerStats.<TriggerStats>list("triggerId in ?1", triggerIds).stream()
                .collect(Collectors.toMap(s -> s.triggerId, Function.identity()));
    }
}
