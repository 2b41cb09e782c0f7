package org.patientoutreach.journeys.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.journeys.support.StatusCatalog;
import org.patientoutreach.schemas.EmailStatus;

/** The local projection of emails.catalog (table email_catalog): each email template's status, for go-live checks. */
@ApplicationScoped
public class EmailCatalog {

    private final StatusCatalog table = new StatusCatalog("email_catalog", "email_id");

    public void apply(UUID emailId, EmailStatus status, Instant updatedAt) {
        table.apply(emailId, status.name(), updatedAt);
    }

    public Optional<EmailStatus> status(UUID emailId) {
        return table.status(emailId).map(EmailStatus::valueOf);
    }
}
