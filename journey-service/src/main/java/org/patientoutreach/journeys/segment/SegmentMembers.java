package org.patientoutreach.journeys.segment;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.patientoutreach.schemas.SegmentMembershipChanged;

/** The local projection of segment membership (table segment_member): who is in each segment now. */
@ApplicationScoped
public class SegmentMembers {

    /** A current member and the id of the membership event that put them in. */
    public record Member(String patientId, String eventId) {
    }

    /** A member of a segment, as a set-wise change reports it. */
    public record SegmentMember(UUID segmentId, String patientId, String eventId) {
    }

    private final DataSource dataSource;

    @Inject
    public SegmentMembers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * {@link #add} for a poll's ENTERED changes in one statement (each segment and patient at most once).
     *
     * @return the members actually added: a patient already in the segment keeps the earlier entry
     */
    public List<SegmentMember> addAll(List<SegmentMembershipChanged> entered) {
        if (entered.isEmpty()) {
            return List.of();
        }
        return jdbc("adding members", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO segment_member (segment_id, patient_id, event_id, entered_at)
                    SELECT CAST(s AS uuid), p, e, CAST(t AS timestamptz)
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS c(s, p, e, t)
                    ON CONFLICT (segment_id, patient_id) DO NOTHING
                    RETURNING segment_id, patient_id, event_id""")) {
                bind(connection, insert, entered);
                List<SegmentMember> added = new ArrayList<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        added.add(new SegmentMember(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3)));
                    }
                }
                return added;
            }
        });
    }

    /** {@link #remove} for a poll's EXITED changes in one statement. */
    public void removeAll(List<SegmentMembershipChanged> exited) {
        if (exited.isEmpty()) {
            return;
        }
        jdbc("removing members", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM segment_member m
                    USING unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS c(s, p, e, t)
                    WHERE m.segment_id = CAST(c.s AS uuid) AND m.patient_id = c.p
                      AND m.entered_at <= CAST(c.t AS timestamptz)""")) {
                bind(connection, delete, exited);
                return delete.executeUpdate();
            }
        });
    }

    /** Segment, patient, event id and time of each change, as four parallel arrays. */
    private static void bind(Connection connection, PreparedStatement statement, List<SegmentMembershipChanged> changes)
            throws SQLException {
        statement.setArray(1, connection.createArrayOf("text", changes.stream().map(c -> c.getSegmentId()).toArray()));
        statement.setArray(2, connection.createArrayOf("text", changes.stream().map(c -> c.getPatientId()).toArray()));
        statement.setArray(3, connection.createArrayOf("text", changes.stream().map(c -> c.getEventId()).toArray()));
        statement.setArray(4, connection.createArrayOf("text", changes.stream().map(c -> c.getAt().toString()).toArray()));
    }

    private interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    private <R> R jdbc(String what, Work<R> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed (SQLState " + e.getSQLState() + ")", e);
        }
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
