package org.patientoutreach.triggers.trigger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trigger as the API shows it; {@code cooldown} (the per-patient de-duplication window) is ISO-8601 or null. */
public record TriggerView(
        UUID id,
        String name,
        List<String> interactionTypes,
        List<Condition> conditions,
        @Schema(example = "PT24H") String cooldown,
        TriggerStatus status,
        long version,
        @Schema(description = "How many times it fired") long firedCount,
        @Schema(description = "When it last fired; null if never") Instant lastFiredAt,
        Instant createdAt,
        Instant updatedAt) {

    static TriggerView of(Trigger t, TriggerStats stats) {
        return new TriggerView(t.id, t.name, t.interactionTypes, t.conditions,
                t.cooldown() == null ? null : t.cooldown().toString(), t.status, t.version,
                stats == null ? 0 : stats.firedCount, stats == null ? null : stats.lastFiredAt, t.createdAt, t.updatedAt);
    }
}
