package org.patientoutreach.emails.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.patientoutreach.schemas.EventCatalogEntry;
import org.patientoutreach.schemas.EventStatus;

/** An event as events-service last published it on {@code events.catalog}; no PHI. */
@Entity
@Table(name = "event_catalog")
public class CatalogEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    public String title;

    public String status;

    public String format;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public String timezone;

    public String venue;

    @Column(name = "online_url")
    public String onlineUrl;

    @Column(name = "registration_url")
    public String registrationUrl;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isCancelled() {
        return EventStatus.CANCELLED.name().equals(status);
    }

    /** Entries can arrive out of order (replays of the compacted topic): only a strictly newer one replaces ours. */
    boolean isOlderThan(EventCatalogEntry entry) {
        return entry.getUpdatedAt().isAfter(updatedAt);
    }

    void apply(EventCatalogEntry entry) {
        title = entry.getTitle();
        status = entry.getStatus().name();
        format = entry.getFormat();
        startsAt = entry.getStartsAt();
        endsAt = entry.getEndsAt();
        timezone = entry.getTimezone();
        venue = entry.getVenue();
        onlineUrl = entry.getOnlineUrl();
        registrationUrl = entry.getRegistrationUrl();
        updatedAt = entry.getUpdatedAt();
    }
}
