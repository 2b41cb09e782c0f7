package org.patientoutreach.events.registration;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {

    static final List<RegistrationStatus> SEATED = List.of(RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN);

    @Id
    public UUID id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "patient_id")
    public String patientId;

    @Enumerated(EnumType.STRING)
    public RegistrationStatus status;

    @Column(name = "waitlist_order")
    public Long waitlistOrder;

    @Column(name = "checked_in_at")
    public Instant checkedInAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "attendance_source")
    public AttendanceSource attendanceSource;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Optional<Registration> of(UUID eventId, String patientId) {
        return find("eventId = ?1 and patientId = ?2", eventId, patientId).firstResultOptional();
    }

    static long seated(UUID eventId) {
        return count("eventId = ?1 and status in ?2", eventId, SEATED);
    }

    static Optional<Registration> firstWaitlisted(UUID eventId) {
        return find("eventId = ?1 and status = ?2 order by waitlistOrder", eventId, RegistrationStatus.WAITLISTED)
                .firstResultOptional();
    }

    static List<Registration> active(UUID eventId) {
        return list("eventId = ?1 and status in ?2", eventId,
                List.of(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED));
    }

    static List<Registration> withStatus(UUID eventId, RegistrationStatus status) {
        return list("eventId = ?1 and status = ?2", eventId, status);
    }

    /** An event's registrations, oldest first, keeping the given statuses (all when empty) and patient (if any). */
    static PanacheQuery<Registration> ofEvent(UUID eventId, Collection<RegistrationStatus> statuses, String patientId) {
        StringBuilder where = new StringBuilder("eventId = :event");
        Parameters parameters = Parameters.with("event", eventId);
        if (!statuses.isEmpty()) {
            where.append(" and status in :statuses");
            parameters.and("statuses", statuses);
        }
        if (patientId != null) {
            where.append(" and patientId = :patient");
            parameters.and("patient", patientId);
        }
        return find(where + " order by createdAt, id", parameters);
    }

    /** 1-based place in the event's waitlist, or null when not waitlisted. */
    Integer waitlistPosition() {
        if (status != RegistrationStatus.WAITLISTED) {
            return null;
        }
        return (int) count("eventId = ?1 and status = ?2 and waitlistOrder <= ?3",
                eventId, RegistrationStatus.WAITLISTED, waitlistOrder);
    }

    /** 1-based waitlist positions of every waitlisted registration of the event, by registration id. */
    static Map<UUID, Integer> waitlistPositions(UUID eventId) {
        List<UUID> queue = getEntityManager().createQuery("select r.id from Registration r where r.eventId = :event "
                        + "and r.status = :status order by r.waitlistOrder", UUID.class)
                .setParameter("event", eventId)
                .setParameter("status", RegistrationStatus.WAITLISTED)
                .getResultList();
        Map<UUID, Integer> positions = new HashMap<>();
        for (int i = 0; i < queue.size(); i++) {
            positions.put(queue.get(i), i + 1);
        }
        return positions;
    }

    /** Seat counts per status for each of the given events, in one query. */
    public static Map<UUID, Map<RegistrationStatus, Long>> countsByEvent(Collection<UUID> eventIds) {
        Map<UUID, Map<RegistrationStatus, Long>> counts = new HashMap<>();
        if (eventIds.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                        "select r.eventId, r.status, count(r) from Registration r where r.eventId in :ids "
                                + "group by r.eventId, r.status", Object[].class)
                .setParameter("ids", eventIds)
                .getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((UUID) row[0], id -> new EnumMap<>(RegistrationStatus.class))
                    .put((RegistrationStatus) row[1], (Long) row[2]);
        }
        return counts;
    }
}
