package org.patientoutreach.journeys.journey;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How patients enter a journey: {@code segmentId} for SEGMENT, {@code triggerId} for TRIGGER. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entry(
        @NotNull @Schema(example = "SEGMENT") EntryType type,
        @Schema(description = "Required for SEGMENT entry") UUID segmentId,
        @Schema(description = "Required for TRIGGER entry") UUID triggerId) {
}
