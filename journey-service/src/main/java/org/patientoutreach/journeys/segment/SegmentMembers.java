package org.patientoutreach.journeys.segment;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The local projection of segment membership (table segment_member): who is in each segment now. */
@ApplicationScoped
public class SegmentMembers {

    /** A current member and the id of the membership event that put them in. */
    public record Member(String patientId, String eventId) {
    }

    /**
     * Serialises membership changes and activations of one segment until the transaction ends. Without it, a
     * journey going live while a member enters could miss the member in both transactions.
     */
    public void lock(UUID segmentId) {
        em().createNativeQuery("SELECT count(*) FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "segment:" + segmentId)
                .getSingleResult();
    }

    /** @return false if the patient was already a member (the earlier entry stands) */
    public boolean add(UUID segmentId, String patientId, String eventId, Instant enteredAt) {
        return em().createNativeQuery("""
                INSERT INTO segment_member (segment_id, patient_id, event_id, entered_at)
                VALUES (:segmentId, :patientId, :eventId, :enteredAt)
                ON CONFLICT (segment_id, patient_id) DO NOTHING""")
                .setParameter("segmentId", segmentId)
                .setParameter("patientId", patientId)
                .setParameter("eventId", eventId)
                .setParameter("enteredAt", enteredAt)
                .executeUpdate() == 1;
    }

    /** Removes the member unless they entered after {@code exitedAt} (an EXITED that arrives late). */
    public void remove(UUID segmentId, String patientId, Instant exitedAt) {
        em().createNativeQuery("""
                DELETE FROM segment_member
                WHERE segment_id = :segmentId AND patient_id = :patientId AND entered_at <= :exitedAt""")
                .setParameter("segmentId", segmentId)
                .setParameter("patientId", patientId)
                .setParameter("exitedAt", exitedAt)
                .executeUpdate();
    }

    public boolean isMember(UUID segmentId, String patientId) {
        return !em().createNativeQuery("SELECT 1 FROM segment_member WHERE segment_id = :segmentId AND patient_id = :patientId")
                .setParameter("segmentId", segmentId)
                .setParameter("patientId", patientId)
                .getResultList().isEmpty();
    }

    public List<Member> current(UUID segmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("""
                SELECT patient_id, event_id FROM segment_member WHERE segment_id = :segmentId ORDER BY entered_at""")
                .setParameter("segmentId", segmentId)
                .getResultList();
        return rows.stream().map(row -> new Member((String) row[0], (String) row[1])).toList();
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
