package org.patientoutreach.events.event;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Schedules a new event. */
public record EventRequest(
        @Schema(example = "Living well with diabetes") @NotBlank @Size(max = 200) String title,
        @Schema(example = "A one-hour webinar with our endocrinology team.") @Size(max = 5000) String description,
        @Schema(example = "PROVIDER") @NotNull Sponsor sponsor,
        @Schema(example = "VIRTUAL") @NotNull EventFormat format,
        @Schema(example = "2027-03-01T17:00:00Z") @NotNull Instant startsAt,
        @Schema(example = "2027-03-01T18:00:00Z") @NotNull Instant endsAt,
        @Schema(example = "America/New_York", description = "IANA zone; UTC when absent") String timezone,
        @Schema(example = "100") @NotNull @Min(1) @Max(100_000) Integer capacity,
        @Schema(example = "https://meet.example.org/diabetes-webinar", description = "Required for VIRTUAL, https")
        @Size(max = 2000) String joinUrl,
        @Schema(example = "12 Main Street, Springfield", description = "Required for IN_PERSON")
        @Size(max = 500) String location) implements EventDefinition {
}
