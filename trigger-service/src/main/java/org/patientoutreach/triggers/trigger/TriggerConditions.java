package org.patientoutreach.triggers.trigger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an interaction must also carry for a trigger to fire. Each present condition is an equality compared
 * case-insensitively; an absent (null) condition matches any value. Every attribute listed must be present.
 */
@Schema(description = "Optional equality conditions, compared case-insensitively; absent means any")
public record TriggerConditions(
        @Schema(example = "Ophthalmology") @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200)
        String department,
        @Schema(example = "Main Street Clinic") @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200)
        String facility,
        @Schema(example = "epic-prod") @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200)
        String source,
        @Schema(example = "{\"visitType\": \"follow-up\"}") @Size(max = 50)
        Map<@NotBlank @Size(max = 200) String, @NotBlank @Size(max = 500) String> attributes) {

    public static final TriggerConditions ANY = new TriggerConditions(null, null, null, Map.of());

    public TriggerConditions {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
