package org.patientoutreach.triggers.trigger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.schemas.InteractionType;

/** Replaces a trigger's definition; {@code version} is the one the client last read. */
public record TriggerUpdateRequest(
        @Schema(example = "Checked in at ophthalmology") @NotBlank @Size(max = 200)
        String name,
        @Schema(example = "CHECKED_IN") @NotNull
        InteractionType interactionType,
        @Valid
        TriggerConditions conditions,
        @Schema(type = SchemaType.STRING, example = "PT24H")
        Duration cooldown,
        @Schema(example = "0", description = "The version last read; a stale one is refused with 409") @NotNull
        Long version) {
}
