package org.patientoutreach.events.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Someone presenting a session: staff or a guest, never a patient. */
public record Speaker(
        @Schema(example = "Dr. Ana Ortiz") @NotBlank @Size(max = 200) String name,
        @Schema(example = "Pediatric ophthalmologist") @Size(max = 200) String role,
        @Schema(example = "Springfield Eye Clinic") @Size(max = 200) String organization) {
}
