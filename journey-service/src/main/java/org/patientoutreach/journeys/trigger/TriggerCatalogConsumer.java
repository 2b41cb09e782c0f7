package org.patientoutreach.journeys.trigger;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.TriggerCatalogEntry;

/**
 * Projects triggers.catalog. No inbox: entries carry no unique id, and applying one twice changes nothing because the
 * projection keeps the latest {@code updatedAt}.
 */
@ApplicationScoped
public class TriggerCatalogConsumer {

    static final String CHANNEL = "triggers-catalog";

    private final TriggerCatalog catalog;

    @Inject
    public TriggerCatalogConsumer(TriggerCatalog catalog) {
        this.catalog = catalog;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onEntry(TriggerCatalogEntry entry) {
        catalog.apply(Ids.require("triggerId", entry.getTriggerId()), entry.getStatus(), entry.getUpdatedAt());
    }
}
