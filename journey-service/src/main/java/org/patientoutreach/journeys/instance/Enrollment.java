package org.patientoutreach.journeys.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.journeys.journey.Journey;
import org.patientoutreach.journeys.journey.Reentry;

/**
 * Starts instances, at most once per entry: the instance row carries an entry key that is unique per journey.
 * With reentry NEVER the key is the patient, so a patient runs a journey once ever; with ALWAYS it is the id of
 * what caused the entry, so a redelivered or replayed cause never starts a second run.
 */
@ApplicationScoped
public class Enrollment {

    private static final Logger LOG = Logger.getLogger(Enrollment.class);

    private final JourneyExecutor executor;
    private final ObjectMapper json;

    @Inject
    public Enrollment(JourneyExecutor executor, ObjectMapper json) {
        this.executor = executor;
        this.json = json;
    }

    /**
     * Starts the journey for the patient unless this entry (or, for reentry NEVER, this patient) already did, and
     * runs the new instance until it waits or exits, in the caller's transaction.
     *
     * @param cause unique id of what caused the entry, e.g. {@code firing:<firingId>}
     * @return whether an instance was started
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enroll(Journey journey, String patientId, String cause, Map<String, String> context) {
        String entryKey = journey.reentry == Reentry.NEVER ? "patient:" + patientId : cause;
        UUID instanceId = UUID.randomUUID();
        Instant now = Instant.now();
        // ON CONFLICT keeps a concurrent duplicate entry from failing the transaction (and landing in the DLQ).
        int inserted = JourneyInstance.getEntityManager().createNativeQuery("""
                INSERT INTO journey_instance (id, journey_id, patient_id, entry_key, status, current_node_id, context,
                                              version, started_at, updated_at)
                VALUES (:id, :journeyId, :patientId, :entryKey, 'ACTIVE', :startNodeId, CAST(:context AS jsonb),
                        0, :now, :now)
                ON CONFLICT (journey_id, entry_key) DO NOTHING""")
                .setParameter("id", instanceId)
                .setParameter("journeyId", journey.id)
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
        LOG.infof("journey %s: instance %s started", journey.id, instanceId);
        executor.advance(instance, journey.graph);
        return true;
    }

    private String toJson(Map<String, String> context) {
        try {
            return json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("instance context cannot be written as JSON", e);
        }
    }
}
