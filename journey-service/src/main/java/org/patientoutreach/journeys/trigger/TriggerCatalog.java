package org.patientoutreach.journeys.trigger;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.journeys.support.StatusCatalog;
import org.patientoutreach.schemas.TriggerStatus;

/** The local projection of triggers.catalog (table trigger_catalog): each trigger's status, for go-live checks. */
@ApplicationScoped
public class TriggerCatalog {

    private final StatusCatalog table = new StatusCatalog("trigger_catalog", "trigger_id");

    public void apply(UUID triggerId, TriggerStatus status, Instant updatedAt) {
        table.apply(triggerId, status.name(), updatedAt);
    }

    public Optional<TriggerStatus> status(UUID triggerId) {
        return table.status(triggerId).map(TriggerStatus::valueOf);
    }
}
