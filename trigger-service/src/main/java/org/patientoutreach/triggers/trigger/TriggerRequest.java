package org.patientoutreach.triggers.trigger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.schemas.InteractionType;

/** Defines a new trigger. */
public record TriggerRequest(
        @Schema(example = "Checked in at ophthalmology") @NotBlank @Size(max = 200)
        String name,
        @Schema(example = "CHECKED_IN") @NotNull
        InteractionType interactionType,
        @Valid
        TriggerConditions conditions,
        @Schema(type = SchemaType.STRING, example = "PT24H",
                description = "ISO-8601; at most one firing per patient per trigger within it. Absent: no cooldown")
        Duration cooldown) {
}
