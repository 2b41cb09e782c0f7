package org.patientoutreach.emails.template;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A test copy for a colleague's inbox, optionally personalized as a given patient would see it. */
public record TestSendRequest(
        @NotBlank @Email @Schema(example = "marketer@example.org") String to,
        @Schema(example = "8f1c2a9e-moore", nullable = true) String patientId,
        @Schema(example = "{\"eventId\": \"3f2b6c1e-eye-health-webinar\"}", nullable = true)
        Map<String, String> context) {
}
