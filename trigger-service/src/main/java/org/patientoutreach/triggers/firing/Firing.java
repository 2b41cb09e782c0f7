package org.patientoutreach.triggers.firing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

/** A trigger that fired on one interaction. Written once, never changed. */
@Entity
@Table(name = "trigger_firing")
public class Firing extends PanacheEntityBase {

    @Id
    @Column(name = "firing_id")
    public UUID firingId;

    @Column(name = "trigger_id")
    public UUID triggerId;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "interaction_id")
    public String interactionId;

    @Column(name = "interaction_type")
    public String interactionType;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "fired_at")
    public Instant firedAt;

    /** Deterministic, so consumers of triggers.fired can dedupe and a replayed interaction maps to the same id. */
    public static UUID idFor(UUID triggerId, String interactionId) {
        return UUID.nameUUIDFromBytes((triggerId + ":" + interactionId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether this trigger already fired for this patient on an interaction less than {@code cooldown} before or
     * after {@code occurredAt}. Looking both ways keeps the rule when an EHR delivers interactions out of order.
     */
    public static boolean firedWithin(UUID triggerId, String patientId, Instant occurredAt, Duration cooldown) {
        return count("triggerId = ?1 and patientId = ?2 and occurredAt > ?3 and occurredAt < ?4",
                triggerId, patientId, occurredAt.minus(cooldown), occurredAt.plus(cooldown)) > 0;
    }

    /**
     * Inserts the firings of a batch in one statement, skipping each whose trigger already fired on its interaction.
     * The primary key is derived from both, so this holds even if the inbox mark were lost or two replicas raced on
     * a redelivered record.
     *
     * @return the ids this call recorded
     */
    public static Set<UUID> insertNew(List<Firing> firings) {
        if (firings.isEmpty()) {
            return Set.of();
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO trigger_firing (firing_id, trigger_id, patient_id, interaction_id, interaction_type,
                        occurred_at, fired_at)
                    SELECT f, t, p, i, ty, o::timestamptz, fa::timestamptz
                    FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS u(f, t, p, i, ty, o, fa)
                    ON CONFLICT (firing_id) DO NOTHING RETURNING firing_id""")) {
                insert.setArray(1, connection.createArrayOf("uuid", column(firings, f -> f.firingId)));
                insert.setArray(2, connection.createArrayOf("uuid", column(firings, f -> f.triggerId)));
                insert.setArray(3, connection.createArrayOf("text", column(firings, f -> f.patientId)));
                insert.setArray(4, connection.createArrayOf("text", column(firings, f -> f.interactionId)));
                insert.setArray(5, connection.createArrayOf("text", column(firings, f -> f.interactionType)));
                // ISO-8601 instants in UTC: no dependence on the JVM's or the session's time zone
                insert.setArray(6, connection.createArrayOf("text", column(firings, f -> f.occurredAt.toString())));
                insert.setArray(7, connection.createArrayOf("text", column(firings, f -> f.firedAt.toString())));
                Set<UUID> inserted = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
                return inserted;
            }
        });
    }

    private static Object[] column(List<Firing> firings, Function<Firing, Object> value) {
        return firings.stream().map(value).toArray();
    }

    public static PanacheQuery<Firing> ofTriggerNewestFirst(UUID triggerId) {
        return find("triggerId = ?1 order by firedAt desc, firingId", triggerId);
    }
}
