package org.patientoutreach.journeys.event;

import io.quarkus.hibernate.orm.panache.Panache;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.EventCatalogEntry;
import org.patientoutreach.schemas.EventStatus;

/** The local projection of events.catalog (table event_catalog): each event's status and start, for go-live checks. */
@ApplicationScoped
public class EventCatalog {

    public record Event(UUID eventId, EventStatus status, Instant startsAt) {
    }

    /**
     * Projects events.catalog: stores the entry unless a later version of the same event is already stored (the topic
     * is compacted). No inbox: entries carry no unique id, and a repeated entry changes nothing.
     */
    @Incoming("events-catalog")
    @Blocking
    @Transactional
    public void onEntry(EventCatalogEntry entry) {
        UUID eventId = Ids.require("eventId", entry.getEventId());
        EventStatus status = entry.getStatus();
        Instant startsAt = entry.getStartsAt();
        Instant updatedAt = entry.getUpdatedAt();
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO event_catalog (event_id, status, starts_at, updated_at)
                VALUES (:eventId, :status, :startsAt, :updatedAt)
                ON CONFLICT (event_id) DO UPDATE
                SET status = EXCLUDED.status, starts_at = EXCLUDED.starts_at, updated_at = EXCLUDED.updated_at
                WHERE event_catalog.updated_at <= EXCLUDED.updated_at""")
                .setParameter("eventId", eventId)
                .setParameter("status", status.name())
                .setParameter("startsAt", startsAt)
                .setParameter("updatedAt", updatedAt)
                .executeUpdate();
    }

    public Optional<Event> find(UUID eventId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                SELECT status, starts_at FROM event_catalog WHERE event_id = :eventId""")
                .setParameter("eventId", eventId)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Event(eventId, EventStatus.valueOf((String) row[0]),
                toInstant(row[1])));
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
