package org.patientoutreach.journeys.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.Reentry;

/**
 * Starts instances, at most once per entry: the instance row carries an entry key unique per journey lineage (all
 * revisions). With reentry NEVER the key is the patient, so a patient runs a journey once ever; otherwise it is the
 * id of what caused the entry, so a redelivered or replayed cause never starts a second run. Entry also respects
 * the journey's dates, its exclusion segment and, for reentry AFTER, the days since the patient's last entry.
 */
@ApplicationScoped
public class Enrollment {

    private final ObjectMapper json;
    private final DataSource dataSource;

    @Inject
    public Enrollment(ObjectMapper json, DataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
    }

    /** One entry a caller asks for: the patient, the unique id of its cause, and the instance's context. */
    public record Entrant(String patientId, String cause, Map<String, String> context) {
    }

    /**
     * Enrolls many entrants of one journey in one statement, the way a poll of trigger firings or segment entries
     * arrives. The instances are created ACTIVE and due now; the runner starts them in batches once this transaction
     * has committed (call {@link JourneyRunner#wake()} then). The entry rules, in SQL: the journey's dates, its
     * exclusion segment, one run per lineage and entry key, and for reentry AFTER no recent run (two entrants of one
     * patient in the same call count as such a run: only the first enters).
     *
     * @return how many instances were created
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enrollAll(Journey journey, List<Entrant> entrants) {
        Instant now = Instant.now();
        if (entrants.isEmpty() || !journey.opensAt(now)) {
            return 0;
        }
        List<Entrant> admitted = entrants;
        if (journey.reentry == Reentry.AFTER && journey.reentryAfterDays > 0) {
            Set<String> seen = new HashSet<>();
            admitted = entrants.stream().filter(e -> seen.add(e.patientId())).toList();
            // Serializes with any other transaction entering these patients (another replica after a rebalance).
            lockAll(admitted.stream().map(e -> "reentry:" + journey.lineageId + ":" + e.patientId()).sorted().toList());
        }
        List<String> patients = new ArrayList<>(admitted.size());
        List<String> keys = new ArrayList<>(admitted.size());
        List<String> contexts = new ArrayList<>(admitted.size());
        for (Entrant e : admitted) {
            patients.add(e.patientId());
            keys.add(journey.reentry == Reentry.NEVER ? "patient:" + e.patientId() : e.cause());
            contexts.add(toJson(e.context()));
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO journey_instance (id, journey_id, lineage_id, patient_id, entry_key, status, current_node_id,
                                              wake_at, context, version, started_at, updated_at)
                SELECT gen_random_uuid(), ?, ?, e.patient_id, e.entry_key, 'ACTIVE', ?, ?, CAST(e.context AS jsonb), 0, ?, ?
                FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS e(patient_id, entry_key, context, n)
                WHERE true""");
        if (journey.exclusionSegmentId != null) {
            sql.append("""

                    AND NOT EXISTS (SELECT 1 FROM segment_member x WHERE x.segment_id = ? AND x.patient_id = e.patient_id)""");
        }
        if (journey.reentry == Reentry.AFTER) {
            sql.append("""

                    AND NOT EXISTS (SELECT 1 FROM journey_instance p
                                    WHERE p.lineage_id = ? AND p.patient_id = e.patient_id AND p.started_at > ?)""");
        }
        // ORDER BY keeps the entrants' order, so of two with the same entry key the first one is the one kept.
        sql.append("\nORDER BY e.n\nON CONFLICT (lineage_id, entry_key) DO NOTHING");
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int i = 0;
            insert.setObject(++i, journey.id);
            insert.setObject(++i, journey.lineageId);
            insert.setString(++i, journey.graph.startNodeId());
            insert.setObject(++i, at);
            insert.setObject(++i, at);
            insert.setObject(++i, at);
            insert.setArray(++i, connection.createArrayOf("text", patients.toArray()));
            insert.setArray(++i, connection.createArrayOf("text", keys.toArray()));
            insert.setArray(++i, connection.createArrayOf("text", contexts.toArray()));
            if (journey.exclusionSegmentId != null) {
                insert.setObject(++i, journey.exclusionSegmentId);
            }
            if (journey.reentry == Reentry.AFTER) {
                insert.setObject(++i, journey.lineageId);
                insert.setObject(++i, now.minus(Duration.ofDays(journey.reentryAfterDays)).atOffset(ZoneOffset.UTC));
            }
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("enrolling " + admitted.size() + " entrant(s) in journey " + journey.id
                    + " failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Enrolls every current member of the journey's segment in one statement, as ACTIVE instances due now: the
     * runner starts them in batches after this transaction commits. The same entry rules as {@link #enrollAll} apply.
     *
     * @return how many instances were created
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enrollSegmentMembers(Journey journey) {
        Instant now = Instant.now();
        if (!journey.opensAt(now)) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO journey_instance (id, journey_id, lineage_id, patient_id, entry_key, status, current_node_id,
                                              wake_at, context, version, started_at, updated_at)
                SELECT gen_random_uuid(), :journeyId, :lineageId, m.patient_id, %s, 'ACTIVE', :startNodeId,
                       :now, CAST(:context AS jsonb), 0, :now, :now
                FROM segment_member m
                WHERE m.segment_id = :segmentId""".formatted(journey.reentry == Reentry.NEVER
                ? "'patient:' || m.patient_id" : "'segment-entry:' || m.event_id"));
        if (journey.exclusionSegmentId != null) {
            sql.append("""

                    AND NOT EXISTS (SELECT 1 FROM segment_member x
                                    WHERE x.segment_id = :exclusionId AND x.patient_id = m.patient_id)""");
        }
        if (journey.reentry == Reentry.AFTER) {
            sql.append("""

                    AND NOT EXISTS (SELECT 1 FROM journey_instance p
                                    WHERE p.lineage_id = :lineageId AND p.patient_id = m.patient_id AND p.started_at > :since)""");
        }
        sql.append("\nON CONFLICT (lineage_id, entry_key) DO NOTHING");
        Query insert = em().createNativeQuery(sql.toString())
                .setParameter("journeyId", journey.id)
                .setParameter("lineageId", journey.lineageId)
                .setParameter("startNodeId", journey.graph.startNodeId())
                .setParameter("now", now)
                .setParameter("context", toJson(Map.of("segmentId", journey.segmentId.toString())))
                .setParameter("segmentId", journey.segmentId);
        if (journey.exclusionSegmentId != null) {
            insert.setParameter("exclusionId", journey.exclusionSegmentId);
        }
        if (journey.reentry == Reentry.AFTER) {
            insert.setParameter("since", now.minus(Duration.ofDays(journey.reentryAfterDays)));
        }
        return insert.executeUpdate();
    }

    private void lockAll(List<String> sortedKeys) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(
                        "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest(?::text[]) k")) {
            lock.setArray(1, connection.createArrayOf("text", sortedKeys.toArray()));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("reentry locks failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static EntityManager em() {
        return JourneyInstance.getEntityManager();
    }

    private String toJson(Map<String, String> context) {
        try {
            return json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("instance context cannot be written as JSON", e);
        }
    }
}
