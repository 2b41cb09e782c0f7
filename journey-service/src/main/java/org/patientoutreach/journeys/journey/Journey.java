package org.patientoutreach.journeys.journey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.patientoutreach.commons.problem.ProblemException;

@Entity
@Table(name = "journey")
public class Journey extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type")
    public EntryType entryType;

    @Column(name = "segment_id")
    public UUID segmentId;

    @Column(name = "trigger_id")
    public UUID triggerId;

    @Enumerated(EnumType.STRING)
    public Reentry reentry;

    @JdbcTypeCode(SqlTypes.JSON)
    public JourneyGraph graph;

    @Enumerated(EnumType.STRING)
    public JourneyStatus status;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Journey require(UUID id) {
        return Journey.<Journey>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Journey", id));
    }

    public static List<Journey> liveForSegment(UUID segmentId) {
        return list("status = ?1 and segmentId = ?2", JourneyStatus.LIVE, segmentId);
    }

    public static List<Journey> liveForTrigger(UUID triggerId) {
        return list("status = ?1 and triggerId = ?2", JourneyStatus.LIVE, triggerId);
    }

    public Entry entry() {
        return new Entry(entryType, segmentId, triggerId);
    }
}
