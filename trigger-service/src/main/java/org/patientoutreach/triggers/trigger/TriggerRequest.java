package org.patientoutreach.triggers.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.schemas.InteractionType;

/** Defines a new trigger. */
public record TriggerRequest(
        @Schema(example = "Checked in at ophthalmology") @NotBlank @Size(max = 200)
        String name,
        @Schema(example = "CHECKED_IN", description = "Shorthand for interactionTypes with one type")
        InteractionType interactionType,
        @Schema(example = "[\"CHECKED_IN\", \"ADMITTED\"]", description = "The interaction types it listens to")
        @Size(max = 20)
        List<InteractionType> interactionTypes,
        @Schema(type = SchemaType.ARRAY, implementation = Condition.class,
                description = "Typed conditions, all of which must hold; the shorthand object "
                        + "{\"department\": \"...\", \"attributes\": {\"k\": \"v\"}} of equalities is accepted too")
        JsonNode conditions,
        @Schema(type = SchemaType.STRING, example = "PT24H", description = "Per-patient de-duplication window "
                + "(ISO-8601, whole seconds): at most one firing per patient per trigger within it. Absent: none")
        Duration cooldown,
        @Schema(example = "DRAFT", description = "DRAFT or ACTIVE (the default, so that existing clients keep firing)")
        TriggerStatus status) {
}
