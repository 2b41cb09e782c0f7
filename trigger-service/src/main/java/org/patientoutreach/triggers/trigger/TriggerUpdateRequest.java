package org.patientoutreach.triggers.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.schemas.InteractionType;

/** Replaces a trigger's definition (not its status); {@code version} is the one the client last read. */
public record TriggerUpdateRequest(
        @Schema(example = "Checked in at ophthalmology") @NotBlank @Size(max = 200)
        String name,
        @Schema(example = "CHECKED_IN")
        InteractionType interactionType,
        @Schema(example = "[\"CHECKED_IN\"]") @Size(max = 20)
        List<InteractionType> interactionTypes,
        @Schema(type = SchemaType.ARRAY, implementation = Condition.class)
        JsonNode conditions,
        @Schema(type = SchemaType.STRING, example = "PT24H")
        Duration cooldown,
        @Schema(example = "0", description = "The version last read; a stale one is refused with 409") @NotNull
        Long version) {
}
