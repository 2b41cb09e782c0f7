package org.patientoutreach.journeys.trigger;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.journeys.support.StatusCatalog;
import org.patientoutreach.schemas.TriggerCatalogEntry;
import org.patientoutreach.schemas.TriggerStatus;

/** The local projection of triggers.catalog (table trigger_catalog): each trigger's status, for go-live checks. */
@ApplicationScoped
public class TriggerCatalog {

    private final StatusCatalog table = new StatusCatalog("trigger_catalog", "trigger_id");

    /** Projects triggers.catalog (no inbox: a repeated entry changes nothing, see StatusCatalog). */
    @Incoming("triggers-catalog")
    @Blocking
    @Transactional
    public void onEntry(TriggerCatalogEntry entry) {
        table.apply(Ids.require("triggerId", entry.getTriggerId()), entry.getStatus().name(), entry.getUpdatedAt());
    }

    public Optional<TriggerStatus> status(UUID triggerId) {
        return table.status(triggerId).map(TriggerStatus::valueOf);
    }
}
