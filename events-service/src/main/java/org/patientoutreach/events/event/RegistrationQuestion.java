package org.patientoutreach.events.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A question the registration form asks, e.g. accessibility needs or the plan a member is enrolled in. */
public record RegistrationQuestion(
        @Schema(example = "accessibility-needs") @NotBlank @Size(max = 64)
        @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String key,
        @Schema(example = "Do you need any accessibility accommodations?") @NotBlank @Size(max = 500) String label,
        @Schema(example = "TEXT") @NotNull QuestionType type,
        boolean required,
        @Schema(description = "The answers to choose from; CHOICE questions only")
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> options) {

    public RegistrationQuestion {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
