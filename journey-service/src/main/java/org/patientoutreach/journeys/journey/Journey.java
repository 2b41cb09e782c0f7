package org.patientoutreach.journeys.journey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.patientoutreach.commons.problem.ProblemException;

/** One revision of a journey. Revisions of the same journey share {@code lineageId}; only a DRAFT can change. */
@Entity
@Table(name = "journey")
public class Journey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "lineage_id")
    public UUID lineageId;

    public int revision;

    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type")
    public EntryType entryType;

    @Column(name = "segment_id")
    public UUID segmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_mode")
    public EntryMode entryMode;

    @Column(name = "trigger_id")
    public UUID triggerId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "entry_conditions")
    public Map<String, String> entryConditions;

    @Enumerated(EnumType.STRING)
    public Reentry reentry;

    @Column(name = "reentry_after_days")
    public Integer reentryAfterDays;

    @Column(name = "start_at")
    public Instant startAt;

    @Column(name = "end_at")
    public Instant endAt;

    @Column(name = "exclusion_segment_id")
    public UUID exclusionSegmentId;

    @Column(name = "exit_on_segment_exit")
    public boolean exitOnSegmentExit;

    @Column(name = "exit_trigger_id")
    public UUID exitTriggerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "goal_type")
    public Interaction goalType;

    @Column(name = "goal_event_id")
    public UUID goalEventId;

    /** The send window's days, ISO numbers ("1,2,3,4,5"); null with its hours when the journey has none. */
    @Column(name = "send_window_days")
    public String sendWindowDays;

    @Column(name = "send_window_from")
    public LocalTime sendWindowFrom;

    @Column(name = "send_window_until")
    public LocalTime sendWindowUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    public JourneyGraph graph;

    @Enumerated(EnumType.STRING)
    public JourneyStatus status;

    /** When a later revision went live; from then on this one takes no new entrants. */
    @Column(name = "superseded_at")
    public Instant supersededAt;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Journey require(UUID id) {
        return Journey.<Journey>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Journey", id));
    }

    /** LIVE revisions that take new entrants from the segment (ONE_TIME ones took theirs at go-live). */
    public static List<Journey> enrollingFromSegment(UUID segmentId) {
        return list("status = ?1 and supersededAt is null and segmentId = ?2 and entryMode = ?3", JourneyStatus.LIVE,
                segmentId, EntryMode.ONGOING);
    }

    public static List<Journey> enrollingFromTrigger(UUID triggerId) {
        return list("status = ?1 and supersededAt is null and triggerId = ?2", JourneyStatus.LIVE, triggerId);
    }

    public Entry entry() {
        return entryType == EntryType.SEGMENT
                ? new Entry(entryType, segmentId, entryMode, null, null)
                : new Entry(entryType, null, null, triggerId, entryConditions);
    }

    public JourneySettings settings() {
        return new JourneySettings(startAt, endAt, exclusionSegmentId, exitOnSegmentExit ? Boolean.TRUE : null,
                exitTriggerId, goalType == null ? null : new Goal(goalType, goalEventId), sendWindow());
    }

    public SendWindow sendWindow() {
        return sendWindowDays == null ? null : new SendWindow(Arrays.stream(sendWindowDays.split(","))
                .map(day -> DayOfWeek.of(Integer.parseInt(day))).toList(), sendWindowFrom, sendWindowUntil);
    }

    /** Whether an entry at {@code at} falls inside the journey's start and end dates. */
    public boolean opensAt(Instant at) {
        return (startAt == null || !at.isBefore(startAt)) && (endAt == null || at.isBefore(endAt));
    }
}
