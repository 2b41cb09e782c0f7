package org.patientoutreach.journeys.instance;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.journeys.config.JourneysConfig;
import org.patientoutreach.journeys.journey.Interaction;
import org.patientoutreach.journeys.journey.JourneyStopped;
import org.patientoutreach.schemas.JourneyInstanceEnded;

/**
 * Changes to running instances that other services' events cause: early exits, goals, and waking a branch that
 * waits for an interaction. Each is one statement; a row the runner holds is simply waited for, and the status
 * test is re-checked after it, so an instance never both moves on and leaves.
 */
@ApplicationScoped
public class Instances {

    private static final Logger LOG = Logger.getLogger(Instances.class);

    private final Outbox outbox;
    private final JourneysConfig config;

    /** Exit reasons, as the step log and the per-patient history show them. */
    public static final String SEGMENT_EXIT = "SEGMENT_EXIT";
    public static final String EXCLUDED = "EXCLUDED";
    public static final String EXIT_TRIGGER = "EXIT_TRIGGER";
    public static final String JOURNEY_STOPPED = "JOURNEY_STOPPED";

    public Instances(Outbox outbox, JourneysConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** The patients' instances of journeys that exit on leaving the segment; one statement for a whole poll's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int exitOnSegmentExit(UUID segmentId, List<String> patientIds) {
        return leave("j.segment_id = :key AND j.exit_on_segment_exit AND i.patient_id = ANY (:patientIds)",
                segmentId, patientIds, "EXITED", StepOutcome.EXITED, SEGMENT_EXIT);
    }

    /** The patients' instances of journeys that exclude the segment they entered; one statement for all of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int exitExcluded(UUID exclusionSegmentId, List<String> patientIds) {
        return leave("j.exclusion_segment_id = :key AND i.patient_id = ANY (:patientIds)", exclusionSegmentId,
                patientIds, "EXITED", StepOutcome.EXITED, EXCLUDED);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int exitOnTrigger(UUID triggerId, String patientId) {
        return leave("j.exit_trigger_id = :key AND i.patient_id = ANY (:patientIds)", triggerId, List.of(patientId),
                "EXITED", StepOutcome.EXITED, EXIT_TRIGGER);
    }

    /** The patient's running instances of journeys whose goal is one of {@code goals} at the event reach it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reachGoal(UUID eventId, String patientId, List<Interaction> goals) {
        if (goals.isEmpty()) {
            return 0;
        }
        String kinds = String.join(",", goals.stream().map(g -> "'" + g.name() + "'").toList());
        return leave("j.goal_event_id = :key AND j.goal_type IN (" + kinds + ") AND i.patient_id = ANY (:patientIds)",
                eventId, List.of(patientId), "COMPLETED", StepOutcome.GOAL_REACHED, "GOAL");
    }

    void onStopped(@Observes JourneyStopped stopped) {
        int exited = leave("j.id = :key", stopped.journeyId(), null, "EXITED", StepOutcome.EXITED, JOURNEY_STOPPED);
        LOG.infof("journey %s: %d running instance(s) exited as it stopped", stopped.journeyId(), exited);
    }

    /**
     * Makes the patient's instances that wait at an if/then branch due now, so the runner re-checks the
     * condition; one whose interaction does not count goes back to sleep until its deadline.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wakeBranches(String patientId) {
        Panache.getEntityManager().createNativeQuery("""
                UPDATE journey_instance SET wake_at = :now
                WHERE patient_id = :patientId AND status = 'WAITING' AND deadline IS NOT NULL AND wake_at > :now""")
                .setParameter("patientId", patientId)
                .setParameter("now", Instant.now())
                .executeUpdate();
    }

    /** The same for the one instance whose email was just opened or clicked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void wakeBranches(UUID instanceId) {
        Panache.getEntityManager().createNativeQuery("""
                UPDATE journey_instance SET wake_at = :now
                WHERE id = :id AND status = 'WAITING' AND deadline IS NOT NULL AND wake_at > :now""")
                .setParameter("id", instanceId)
                .setParameter("now", Instant.now())
                .executeUpdate();
    }

    /**
     * Ends the matching running instances with a step-log row each, and tells email-service: emails they asked for
     * that still wait (quiet hours, a send window, a retry) must not reach a patient who left the journey, e.g. a
     * mammogram reminder held overnight for someone whose mammogram was recorded in the meantime. {@code patientIds}
     * null: every patient's (a journey stopped).
     */
    private int leave(String condition, UUID key, List<String> patientIds, String status, StepOutcome outcome,
            String reason) {
        Instant now = Instant.now();
        Query query = Panache.getEntityManager().createNativeQuery("""
                WITH gone AS (
                    UPDATE journey_instance i
                    SET status = :status, wake_at = NULL, deadline = NULL, completed_at = :now, updated_at = :now,
                        goal_reached_at = CASE WHEN :goal THEN CAST(:now AS timestamptz) ELSE i.goal_reached_at END,
                        version = i.version + 1
                    FROM journey j
                    WHERE j.id = i.journey_id AND i.status IN ('ACTIVE', 'WAITING') AND %s
                    RETURNING i.id, i.journey_id, i.current_node_id, i.patient_id),
                logged AS (
                    INSERT INTO instance_step_log (instance_id, journey_id, node_id, outcome, detail, at)
                    SELECT id, journey_id, current_node_id, :outcome, :reason, :now FROM gone)
                SELECT CAST(id AS text), CAST(journey_id AS text), patient_id FROM gone""".formatted(condition))
                .setParameter("status", status)
                .setParameter("now", now)
                .setParameter("goal", outcome == StepOutcome.GOAL_REACHED)
                .setParameter("key", key)
                .setParameter("outcome", outcome.name())
                .setParameter("reason", reason);
        if (patientIds != null) {
            query.setParameter("patientIds", patientIds.toArray(String[]::new));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> gone = query.getResultList();
        List<JourneyInstanceEnded> ended = gone.stream()
                .map(row -> new JourneyInstanceEnded((String) row[0], (String) row[1], (String) row[2], reason, now))
                .toList();
        outbox.publishInOrder(config.topics().instanceEnded(), ended, JourneyInstanceEnded::getPatientId);
        return ended.size();
    }
}
