package org.patientoutreach.triggers.firing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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
     * Inserts the firing unless this trigger already fired on this interaction. The primary key is derived from both,
     * so this holds even if the inbox mark were lost or two replicas raced on a redelivered record.
     *
     * @return whether this call recorded it
     */
    public boolean insertOnce() {
        return getEntityManager().createNativeQuery("""
                INSERT INTO trigger_firing (firing_id, trigger_id, patient_id, interaction_id, interaction_type,
                    occurred_at, fired_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (firing_id) DO NOTHING""")
                .setParameter(1, firingId).setParameter(2, triggerId).setParameter(3, patientId)
                .setParameter(4, interactionId).setParameter(5, interactionType).setParameter(6, occurredAt)
                .setParameter(7, firedAt).executeUpdate() == 1;
    }

    public static PanacheQuery<Firing> ofTriggerNewestFirst(UUID triggerId) {
        return find("triggerId = ?1 order by firedAt desc, firingId", triggerId);
    }
}
