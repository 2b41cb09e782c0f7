package org.patientoutreach.triggers.trigger;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trigger as the API shows it; {@code cooldown} is ISO-8601 or null. */
public record TriggerView(
        UUID id,
        String name,
        String interactionType,
        TriggerConditions conditions,
        @Schema(example = "PT24H") String cooldown,
        TriggerStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static TriggerView of(Trigger t) {
        return new TriggerView(t.id, t.name, t.interactionType.name(), t.conditions(),
                t.cooldown() == null ? null : t.cooldown().toString(), t.status, t.version, t.createdAt, t.updatedAt);
    }
}
