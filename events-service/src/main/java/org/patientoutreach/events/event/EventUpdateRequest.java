package org.patientoutreach.events.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Replaces an event's definition; {@code version} is the one the client last read. */
public record EventUpdateRequest(
        @Schema(example = "Living well with diabetes") @NotBlank @Size(max = 200) String title,
        @Size(max = 5000) String description,
        @Schema(example = "PROVIDER") @NotNull Sponsor sponsor,
        @Schema(example = "EDUCATION_WEBINAR") EventType type,
        @Schema(example = "VIRTUAL") @NotNull EventFormat format,
        @Schema(example = "2027-03-01T17:00:00Z") @NotNull Instant startsAt,
        @Schema(example = "2027-03-01T18:00:00Z") @NotNull Instant endsAt,
        @Schema(example = "America/New_York") String timezone,
        @Schema(example = "100") @NotNull @Min(1) @Max(100_000) Integer capacity,
        @Size(max = 2000) String joinUrl,
        @Size(max = 500) String location,
        @Size(max = 50) List<@Valid @NotNull EventSession> sessions,
        @Size(max = 50) List<@Valid @NotNull RegistrationQuestion> registrationQuestions,
        @Schema(example = "0", description = "The version last read; a stale one is refused with 409") @NotNull
        Long version) implements EventDefinition {
}
