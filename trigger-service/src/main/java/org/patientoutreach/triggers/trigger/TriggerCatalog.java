package org.patientoutreach.triggers.trigger;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.catalog.CatalogPublisher;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.schemas.TriggerCatalogEntry;
import org.patientoutreach.triggers.TriggersConfig;

/**
 * Publishes each trigger's status on {@code triggers.catalog} (compacted, key triggerId) through the outbox, in the
 * transaction that changed it, so journey-service can refuse to take a journey live on a trigger that is not ACTIVE.
 * Id, name and status only: no conditions.
 */
@ApplicationScoped
public class TriggerCatalog {

    private static final Logger LOG = Logger.getLogger(TriggerCatalog.class);

    private final EntityManager em;
    private final CatalogPublisher<TriggerCatalogEntry> catalog;

    TriggerCatalog(Outbox outbox, EntityManager em, TriggersConfig config) {
        this.em = em;
        this.catalog = new CatalogPublisher<>(outbox, config.catalogTopic(), "trigger_definition",
                row -> TriggerCatalogEntry.newBuilder()
                        .setTriggerId(row.id().toString())
                        .setName(row.name())
                        .setStatus(CatalogPublisher.status(org.patientoutreach.schemas.TriggerStatus.class, row.status(),
                        org.patientoutreach.schemas.TriggerStatus.OTHER))
                        .setUpdatedAt(row.updatedAt())
                        .build());
    }

    /** Writes the trigger's current state to the outbox; call it after the change is flushed (see CatalogPublisher). */
    void publish(Trigger trigger) {
        catalog.publish(trigger.id, trigger.name, trigger.status.name(), trigger.updatedAt);
    }

    @Transactional
    void republishAll(@Observes StartupEvent start) {
        LOG.infof("%s: republished %d trigger(s)", catalog.topic(), catalog.republishAll(em));
    }
}
