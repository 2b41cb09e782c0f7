package org.patientoutreach.emails.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new email. Placeholders: {{patient.firstName}}, {{patient.lastName}}, {{context.<key>}}. */
public record EmailTemplateRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Eye care check-in") String name,
        @NotBlank @Size(max = 500) @Schema(example = "Hello {{patient.firstName}}") String subject,
        @NotBlank @Size(max = 500_000) @Schema(example = "<p>Hello {{patient.firstName}}</p>") String htmlBody,
        @Size(max = 500_000) @Schema(example = "Hello {{patient.firstName}}", nullable = true) String textBody,
        @Schema(description = "Marketing rather than care content", defaultValue = "false") boolean commercial) {

    TemplateContent content() {
        return new TemplateContent(name, subject, htmlBody, textBody, commercial);
    }
}
