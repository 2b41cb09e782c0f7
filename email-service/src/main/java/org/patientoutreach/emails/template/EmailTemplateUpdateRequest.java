package org.patientoutreach.emails.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole email again, with the {@code version} the editor started from (optimistic concurrency). */
public record EmailTemplateUpdateRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Eye care check-in") String name,
        @NotBlank @Size(max = 500) @Schema(example = "Hello {{patient.firstName}}") String subject,
        @NotBlank @Size(max = 500_000) @Schema(example = "<p>Hello {{patient.firstName}}</p>") String htmlBody,
        @Size(max = 500_000) @Schema(example = "Hello {{patient.firstName}}", nullable = true) String textBody,
        @Schema(defaultValue = "false") boolean commercial,
        @NotNull @Schema(example = "0", description = "The version this edit is based on") Long version) {

    TemplateContent content() {
        return new TemplateContent(name, subject, htmlBody, textBody, commercial);
    }
}
