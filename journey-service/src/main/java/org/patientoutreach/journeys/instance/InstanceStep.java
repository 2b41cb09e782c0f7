package org.patientoutreach.journeys.instance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One line of an instance's history: which step, when, what happened and why. Append-only. */
@Entity
@Table(name = "instance_step_log")
public class InstanceStep extends PanacheEntityBase {

    // Ids come in blocks of 50 (V3), so the rows a runner batch writes go to the database in JDBC batches.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_step_log_ids")
    @SequenceGenerator(name = "instance_step_log_ids", sequenceName = "instance_step_log_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "instance_id")
    public UUID instanceId;

    @Column(name = "journey_id")
    public UUID journeyId;

    @Column(name = "node_id")
    public String nodeId;

    @Enumerated(EnumType.STRING)
    public StepOutcome outcome;

    /** Set on EMAIL_REQUESTED and INVITE_REQUESTED: the request id email-service reports deliveries against. */
    @Column(name = "request_id")
    public UUID requestId;

    /** Why: the branch taken, the exit reason, the wake-up time. Ids and codes only, never PHI. */
    public String detail;

    public Instant at;

    static void record(JourneyInstance instance, String nodeId, StepOutcome outcome, UUID requestId, String detail,
            Instant at) {
        InstanceStep step = new InstanceStep();
        step.instanceId = instance.id;
        step.journeyId = instance.journeyId;
        step.nodeId = nodeId;
        step.outcome = outcome;
        step.requestId = requestId;
        step.detail = detail;
        step.at = at;
        step.persist();
    }

    public static Optional<InstanceStep> byRequestId(UUID requestId) {
        return find("requestId", requestId).firstResultOptional();
    }

    public static long emailsRequested(UUID journeyId) {
        return count("journeyId = ?1 and outcome in ?2", journeyId,
                List.of(StepOutcome.EMAIL_REQUESTED, StepOutcome.INVITE_REQUESTED));
    }

    /** How many times the instance arrived at the node before (for nodes on loops). */
    static long visits(UUID instanceId, String nodeId) {
        return count("instanceId = ?1 and nodeId = ?2 and outcome not in ?3", instanceId, nodeId,
                List.of(StepOutcome.WAIT_ENDED, StepOutcome.EXITED, StepOutcome.GOAL_REACHED, StepOutcome.FAILED));
    }
}
