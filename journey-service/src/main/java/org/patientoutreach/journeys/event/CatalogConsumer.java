package org.patientoutreach.journeys.event;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.EventCatalogEntry;

/**
 * Projects events.catalog. No inbox: entries carry no unique id, and applying one twice changes nothing because the
 * projection keeps the latest {@code updatedAt}.
 */
@ApplicationScoped
public class CatalogConsumer {

    static final String CHANNEL = "events-catalog";

    private final EventCatalog catalog;

    @Inject
    public CatalogConsumer(EventCatalog catalog) {
        this.catalog = catalog;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onEntry(EventCatalogEntry entry) {
        catalog.apply(Ids.require("eventId", entry.getEventId()), entry.getStatus(), entry.getStartsAt(),
                entry.getUpdatedAt());
    }
}
