package org.patientoutreach.journeys.email;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.journeys.support.StatusCatalog;
import org.patientoutreach.schemas.EmailCatalogEntry;
import org.patientoutreach.schemas.EmailStatus;

/** The local projection of emails.catalog (table email_catalog): each email template's status, for go-live checks. */
@ApplicationScoped
public class EmailCatalog {

    private final StatusCatalog table = new StatusCatalog("email_catalog", "email_id");

    /** Projects emails.catalog (no inbox: a repeated entry changes nothing, see StatusCatalog). */
    @Incoming("emails-catalog")
    @Blocking
    @Transactional
    public void onEntry(EmailCatalogEntry entry) {
        table.apply(Ids.require("emailId", entry.getEmailId()), entry.getStatus().name(), entry.getUpdatedAt());
    }

    public Optional<EmailStatus> status(UUID emailId) {
        return table.status(emailId).map(EmailStatus::valueOf);
    }
}
