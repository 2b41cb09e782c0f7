package org.patientoutreach.emails.template;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whom to preview for, and the journey context a send would carry (e.g. the event it invites to). */
public record PreviewRequest(
        @NotBlank @Schema(example = "8f1c2a9e-moore") String patientId,
        @Schema(example = "{\"eventId\": \"3f2b6c1e-eye-health-webinar\"}", nullable = true)
        Map<String, String> context) {
}
