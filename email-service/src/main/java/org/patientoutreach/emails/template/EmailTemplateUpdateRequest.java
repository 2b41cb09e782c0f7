package org.patientoutreach.emails.template;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole email again, with the {@code version} the editor started from (optimistic concurrency). */
public record EmailTemplateUpdateRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Eye care check-in") String name,
        @NotBlank @Size(max = 500) @Schema(example = "Hello {{patient.firstName ?: 'there'}}") String subject,
        @NotBlank @Size(max = 500_000) @Schema(example = "<p>Hello {{patient.firstName ?: 'there'}}</p>")
        String htmlBody,
        @Size(max = 500_000) @Schema(example = "Hello {{patient.firstName ?: 'there'}}", nullable = true)
        String textBody,
        @Schema(defaultValue = "false") boolean commercial,
        @Size(max = 200) @Schema(example = "Riverside Eye Clinic", nullable = true) String fromName,
        @Email @Size(max = 320) @Schema(example = "care-team@riverside.example", nullable = true) String fromAddress,
        @Size(max = 500) @Schema(example = "12 Main St, Springfield, MA 01101", nullable = true)
        String senderPostalAddress,
        @NotNull @Schema(example = "0", description = "The version this edit is based on") Long version) {

    TemplateContent content() {
        return new TemplateContent(name, subject, htmlBody, textBody, commercial, fromName, fromAddress,
                senderPostalAddress);
    }
}
