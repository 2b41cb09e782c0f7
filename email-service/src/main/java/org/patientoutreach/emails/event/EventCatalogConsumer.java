package org.patientoutreach.emails.event;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.schemas.EventCatalogEntry;

/**
 * Keeps {@code event_catalog} in step with {@code events.catalog}, so invitations name an event without calling
 * events-service. Idempotent through the natural key and {@code updatedAt}: a redelivered or older entry is ignored.
 */
@ApplicationScoped
public class EventCatalogConsumer {

    @Incoming("events-catalog")
    @Blocking
    @Transactional
    public void onEntry(EventCatalogEntry entry) {
        CatalogEvent event = CatalogEvent.findById(entry.getEventId());
        if (event == null) {
            event = new CatalogEvent();
            event.eventId = entry.getEventId();
            event.apply(entry);
            event.persist();
        } else if (event.isOlderThan(entry)) {
            event.apply(entry);
        }
    }
}
