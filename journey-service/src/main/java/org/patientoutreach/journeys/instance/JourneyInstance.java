package org.patientoutreach.journeys.instance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One patient's run through one journey revision. Its position and timer live here, so a restart resumes it. */
@Entity
@Table(name = "journey_instance")
public class JourneyInstance extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "journey_id")
    public UUID journeyId;

    @Column(name = "lineage_id")
    public UUID lineageId;

    @Column(name = "patient_id")
    public String patientId;

    /** Makes entry idempotent; see {@link Enrollment}. */
    @Column(name = "entry_key")
    public String entryKey;

    @Enumerated(EnumType.STRING)
    public InstanceStatus status;

    @Column(name = "current_node_id")
    public String currentNodeId;

    /** When the runner should look at the instance next (end of a wait, a branch deadline, or an interaction). */
    @Column(name = "wake_at")
    public Instant wakeAt;

    /** At a BRANCH_INTERACTION: when the no path is taken if the interaction has not happened. */
    public Instant deadline;

    /** Ids and trigger attributes only (segmentId, triggerId, eventId, ...): passed on to every email request. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> context;

    @Version
    public long version;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "goal_reached_at")
    public Instant goalReachedAt;
}
