package org.patientoutreach.emails.template;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record PreviewRequest(@NotBlank @Schema(example = "8f1c2a9e-moore") String patientId) {
}
