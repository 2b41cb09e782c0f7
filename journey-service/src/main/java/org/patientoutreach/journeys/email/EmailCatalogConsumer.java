package org.patientoutreach.journeys.email;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.EmailCatalogEntry;

/**
 * Projects emails.catalog. No inbox: entries carry no unique id, and applying one twice changes nothing because the
 * projection keeps the latest {@code updatedAt}.
 */
@ApplicationScoped
public class EmailCatalogConsumer {

    static final String CHANNEL = "emails-catalog";

    private final EmailCatalog catalog;

    @Inject
    public EmailCatalogConsumer(EmailCatalog catalog) {
        this.catalog = catalog;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onEntry(EmailCatalogEntry entry) {
        catalog.apply(Ids.require("emailId", entry.getEmailId()), entry.getStatus(), entry.getUpdatedAt());
    }
}
