package org.patientoutreach.events.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One part of an event's agenda; it lies within the event's start and end. */
public record EventSession(
        @Schema(example = "What is hypermetropia?") @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        @Schema(example = "2027-03-01T17:00:00Z") @NotNull Instant startsAt,
        @Schema(example = "2027-03-01T17:30:00Z") @NotNull Instant endsAt,
        @Size(max = 20) List<@Valid @NotNull Speaker> speakers) {

    public EventSession {
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
    }
}
