package org.patientoutreach.journeys.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How patients enter a journey: {@code segmentId} (and a {@code mode}) for SEGMENT, {@code triggerId} (and optional
 * attribute {@code conditions}) for TRIGGER.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Entry(
        @NotNull @Schema(example = "SEGMENT") EntryType type,
        @Schema(description = "Required for SEGMENT entry") UUID segmentId,
        @Schema(description = "SEGMENT: ONGOING (default) also enrolls later entrants, ONE_TIME only the members at go-live")
        EntryMode mode,
        @Schema(description = "Required for TRIGGER entry") UUID triggerId,
        @Schema(description = "TRIGGER: attributes the firing must carry with exactly these values")
        Map<String, String> conditions) {

    public EntryMode modeOrDefault() {
        return mode == null ? EntryMode.ONGOING : mode;
    }

    public Map<String, String> conditionsOrEmpty() {
        return conditions == null ? Map.of() : conditions;
    }
}
