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

/** Creates an event as a DRAFT; the venue or meeting URL may follow before it is published. */
public record EventRequest(
        @Schema(example = "Living well with diabetes") @NotBlank @Size(max = 200) String title,
        @Schema(example = "A one-hour webinar with our endocrinology team.", description = "Required to publish")
        @Size(max = 5000) String description,
        @Schema(example = "PROVIDER") @NotNull Sponsor sponsor,
        @Schema(example = "EDUCATION_WEBINAR", description = "OTHER when absent") EventType type,
        @Schema(example = "VIRTUAL") @NotNull EventFormat format,
        @Schema(example = "2027-03-01T17:00:00Z") @NotNull Instant startsAt,
        @Schema(example = "2027-03-01T18:00:00Z") @NotNull Instant endsAt,
        @Schema(example = "America/New_York", description = "IANA zone; UTC when absent") String timezone,
        @Schema(example = "100") @NotNull @Min(1) @Max(100_000) Integer capacity,
        @Schema(example = "https://meet.example.org/diabetes-webinar",
                description = "Online meeting, https; required to publish a VIRTUAL or HYBRID event")
        @Size(max = 2000) String joinUrl,
        @Schema(example = "12 Main Street, Springfield",
                description = "Venue; required to publish an IN_PERSON or HYBRID event")
        @Size(max = 500) String location,
        @Size(max = 50) List<@Valid @NotNull EventSession> sessions,
        @Size(max = 50) List<@Valid @NotNull RegistrationQuestion> registrationQuestions) implements EventDefinition {
}
