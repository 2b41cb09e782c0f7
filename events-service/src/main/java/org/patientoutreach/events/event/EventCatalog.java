package org.patientoutreach.events.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.events.EventsConfig;
import org.patientoutreach.schemas.EventCatalogEntry;

/**
 * Publishes an event's public face on {@code events.catalog} (compacted, key eventId) through the outbox, in the
 * transaction that changed it, so email-service and journey-service can name an event and build its registration
 * links without calling us. Ids, titles, times and places only: never a patient.
 */
@ApplicationScoped
public class EventCatalog {

    private final Outbox outbox;
    private final EventsConfig config;
    private final String registrationBase;

    EventCatalog(Outbox outbox, EventsConfig config) {
        this.outbox = outbox;
        this.config = config;
        String url = config.publicBaseUrl();
        this.registrationBase = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/public/events/";
    }

    /** The public registration endpoint; a patient's link adds {@code ?token=} signed for that patient. */
    public String registrationUrl(Event event) {
        return registrationBase + event.id + "/registrations";
    }

    void publish(Event event) {
        outbox.publish(config.catalogTopic(), event.id.toString(), EventCatalogEntry.newBuilder()
                .setEventId(event.id.toString())
                .setTitle(event.title)
                .setStatus(org.patientoutreach.schemas.EventStatus.valueOf(event.status.name()))
                .setFormat(event.format.name())
                .setStartsAt(event.startsAt)
                .setEndsAt(event.endsAt)
                .setTimezone(event.timezone)
                .setVenue(event.location)
                .setOnlineUrl(event.joinUrl)
                .setRegistrationUrl(registrationUrl(event))
                .setUpdatedAt(event.updatedAt)
                .build());
    }
}
