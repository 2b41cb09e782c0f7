package org.patientoutreach.emails.suppression;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SuppressionRequest(
        @NotBlank @Size(max = 200) @Schema(example = "8f1c2a9e-moore") String patientId,
        @NotNull @Schema(example = "UNSUBSCRIBED") SuppressionReason reason) {
}
