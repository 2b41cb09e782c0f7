package org.patientoutreach.events.template;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When the new event starts and what differs from the template; everything else comes from the template. */
public record FromTemplateRequest(
        @Schema(example = "2027-03-01T17:00:00Z", description = "The end and the sessions follow the template's agenda")
        @NotNull Instant startsAt,
        @Schema(example = "America/New_York", description = "IANA zone; UTC when absent") String timezone,
        @Schema(description = "The template's title when absent") @Size(max = 200) String title,
        @Schema(description = "The template's default capacity when absent") @Min(1) @Max(100_000) Integer capacity,
        @Size(max = 2000) String joinUrl,
        @Size(max = 500) String location) {
}
