package org.patientoutreach.emails.template;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new email. Tokens: {{patient.firstName}}, {{patient.lastName}}, {{event.title}}, {{event.startsAt}},
 * {{event.venue}}, {{event.onlineUrl}}, {{event.registrationUrl}}, {{context.<key>}}, {{sender.name}},
 * {{sender.postalAddress}}, {{unsubscribeUrl}}; fallbacks with {{patient.firstName ?: 'there'}}.
 */
public record EmailTemplateRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Eye care check-in") String name,
        @NotBlank @Size(max = 500) @Schema(example = "Hello {{patient.firstName ?: 'there'}}") String subject,
        @NotBlank @Size(max = 500_000) @Schema(example = "<p>Hello {{patient.firstName ?: 'there'}}</p>"
                + "<footer>{{sender.postalAddress}} <a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></footer>")
        String htmlBody,
        @Size(max = 500_000) @Schema(example = "Hello {{patient.firstName ?: 'there'}}\n"
                + "{{sender.postalAddress}} Unsubscribe: {{unsubscribeUrl}}", nullable = true) String textBody,
        @Schema(description = "Marketing rather than care content: consent, caps and quiet hours apply",
                defaultValue = "false") boolean commercial,
        @Size(max = 200) @Schema(example = "Riverside Eye Clinic", nullable = true) String fromName,
        @Email @Size(max = 320) @Schema(example = "care-team@riverside.example", nullable = true) String fromAddress,
        @Size(max = 500) @Schema(example = "12 Main St, Springfield, MA 01101", nullable = true)
        String senderPostalAddress) {

    TemplateContent content() {
        return new TemplateContent(name, subject, htmlBody, textBody, commercial, fromName, fromAddress,
                senderPostalAddress);
    }
}
