package org.patientoutreach.journeys.journey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A journey definition, to create (POST) or replace (PUT, which also needs the {@code version} it was read at). */
public record JourneyRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Hypermetropia eye-care reminder") String name,
        @Size(max = 2000) String description,
        @NotNull @Valid Entry entry,
        @Schema(description = "Default NEVER for SEGMENT entry, ALWAYS for TRIGGER entry; AFTER needs reentryAfterDays")
        Reentry reentry,
        @Min(1) @Max(3650) @Schema(description = "With reentry AFTER: days since the previous entry") Integer reentryAfterDays,
        @Valid @Schema(description = "Dates, exclusion segment, exit conditions, goal; all optional") JourneySettings settings,
        @NotBlank @Schema(example = "n1") String startNodeId,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Node> nodes,
        @Schema(description = "Required on PUT: the version the client last read") Long version) {

    public JourneyGraph graph() {
        return new JourneyGraph(startNodeId, nodes);
    }

    public JourneySettings settingsOrNone() {
        return settings == null ? JourneySettings.NONE : settings;
    }

    public Reentry reentryOrDefault() {
        if (reentry != null) {
            return reentry;
        }
        return entry.type() == EntryType.SEGMENT ? Reentry.NEVER : Reentry.ALWAYS;
    }
}
