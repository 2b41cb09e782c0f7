package org.patientoutreach.emails.template;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A test copy for a colleague's inbox, optionally personalized as a given patient would see it. */
public record TestSendRequest(
        @NotBlank @Email @Schema(example = "marketer@example.org") String to,
        @Schema(example = "8f1c2a9e-moore", nullable = true) String patientId) {
}
