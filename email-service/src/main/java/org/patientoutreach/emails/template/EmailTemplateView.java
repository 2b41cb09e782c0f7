package org.patientoutreach.emails.template;

import java.time.Instant;
import java.util.UUID;

public record EmailTemplateView(UUID id, String name, String subject, String htmlBody, String textBody,
        boolean commercial, String fromName, String fromAddress, String senderPostalAddress, TemplateStatus status,
        long version, Instant createdAt, Instant updatedAt) {

    static EmailTemplateView of(EmailTemplate t) {
        return new EmailTemplateView(t.id, t.name, t.subject, t.htmlBody, t.textBody, t.commercial, t.fromName,
                t.fromAddress, t.senderPostalAddress, t.status, t.version, t.createdAt, t.updatedAt);
    }
}
