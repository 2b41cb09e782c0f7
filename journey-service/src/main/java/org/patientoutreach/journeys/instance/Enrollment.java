package org.patientoutreach.journeys.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.Reentry;
import org.patientoutreach.journeys.segment.SegmentMembers;

/**
 * Starts instances, at most once per entry: the instance row carries an entry key unique per journey lineage (all
 * revisions). With reentry NEVER the key is the patient, so a patient runs a journey once ever; otherwise it is the
 * id of what caused the entry, so a redelivered or replayed cause never starts a second run. Entry also respects
 * the journey's dates, its exclusion segment and, for reentry AFTER, the days since the patient's last entry.
 */
@ApplicationScoped
public class Enrollment {

    private static final Logger LOG = Logger.getLogger(Enrollment.class);

    private final JourneyExecutor executor;
    private final SegmentMembers members;
    private final ObjectMapper json;

    @Inject
    public Enrollment(JourneyExecutor executor, SegmentMembers members, ObjectMapper json) {
        this.executor = executor;
        this.members = members;
        this.json = json;
    }

    /**
     * Starts the journey for the patient unless an entry rule says no, and runs the new instance until it waits or
     * ends, in the caller's transaction.
     *
     * @param cause unique id of what caused the entry, e.g. {@code firing:<firingId>}
     * @return whether an instance was started
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enroll(Journey journey, String patientId, String cause, Map<String, String> context) {
        Instant now = Instant.now();
        if (!journey.opensAt(now)) {
            LOG.debugf("journey %s: entry %s outside the journey's dates", journey.id, cause);
            return false;
        }
        if (journey.exclusionSegmentId != null && members.isMember(journey.exclusionSegmentId, patientId)) {
            LOG.debugf("journey %s: entry %s excluded", journey.id, cause);
            return false;
        }
        if (journey.reentry == Reentry.AFTER) {
            // Two entries of one patient at once would both see no recent instance: take turns.
            lock("reentry:" + journey.lineageId + ":" + patientId);
            if (JourneyInstance.count("lineageId = ?1 and patientId = ?2 and startedAt > ?3", journey.lineageId,
                    patientId, now.minus(Duration.ofDays(journey.reentryAfterDays))) > 0) {
                LOG.debugf("journey %s: entry %s too soon after the previous one", journey.id, cause);
                return false;
            }
        }
        String entryKey = journey.reentry == Reentry.NEVER ? "patient:" + patientId : cause;
        UUID instanceId = UUID.randomUUID();
        // ON CONFLICT keeps a concurrent duplicate entry from failing the transaction (and landing in the DLQ).
        int inserted = em().createNativeQuery("""
                INSERT INTO journey_instance (id, journey_id, lineage_id, patient_id, entry_key, status, current_node_id,
                                              context, version, started_at, updated_at)
                VALUES (:id, :journeyId, :lineageId, :patientId, :entryKey, 'ACTIVE', :startNodeId, CAST(:context AS jsonb),
                        0, :now, :now)
                ON CONFLICT (lineage_id, entry_key) DO NOTHING""")
                .setParameter("id", instanceId)
                .setParameter("journeyId", journey.id)
                .setParameter("lineageId", journey.lineageId)
                .setParameter("patientId", patientId)
                .setParameter("entryKey", entryKey)
                .setParameter("startNodeId", journey.graph.startNodeId())
                .setParameter("context", toJson(context))
                .setParameter("now", now)
                .executeUpdate();
        if (inserted == 0) {
            LOG.debugf("journey %s: entry %s already enrolled", journey.id, entryKey);
            return false;
        }
        JourneyInstance instance = JourneyInstance.findById(instanceId);
        LOG.debugf("journey %s: instance %s started", journey.id, instanceId);
        executor.advance(instance, journey);
        return true;
    }

    /**
     * Enrolls every current member of the journey's segment in one statement, as ACTIVE instances due now: the
     * runner starts them in batches after this transaction commits. The same entry rules as {@link #enroll} apply.
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

    private void lock(String key) {
        em().createNativeQuery("SELECT count(*) FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", key)
                .getSingleResult();
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
