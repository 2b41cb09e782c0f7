package org.patientoutreach.journeys.instance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One line of an instance's history. Append-only. */
@Entity
@Table(name = "instance_step_log")
public class InstanceStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "instance_id")
    public UUID instanceId;

    @Column(name = "journey_id")
    public UUID journeyId;

    @Column(name = "node_id")
    public String nodeId;

    @Enumerated(EnumType.STRING)
    public StepOutcome outcome;

    /** Set on EMAIL_REQUESTED: the request id email-service reports deliveries against. */
    @Column(name = "request_id")
    public UUID requestId;

    public Instant at;

    static void record(JourneyInstance instance, String nodeId, StepOutcome outcome, UUID requestId,
            Instant at) {
        InstanceStep step = new InstanceStep();
        step.instanceId = instance.id;
        step.journeyId = instance.journeyId;
        step.nodeId = nodeId;
        step.outcome = outcome;
        step.requestId = requestId;
        step.at = at;
        step.persist();
    }

    public static Optional<InstanceStep> byRequestId(UUID requestId) {
        return find("requestId", requestId).firstResultOptional();
    }

    public static long emailsRequested(UUID journeyId) {
        return count("journeyId = ?1 and outcome = ?2", journeyId, StepOutcome.EMAIL_REQUESTED);
    }
}
