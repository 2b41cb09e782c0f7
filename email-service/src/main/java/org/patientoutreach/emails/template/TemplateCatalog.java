package org.patientoutreach.emails.template;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.catalog.CatalogPublisher;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.schemas.EmailCatalogEntry;
import org.patientoutreach.schemas.EmailStatus;

/**
 * Publishes each email template's status on {@code emails.catalog} (compacted, key emailId) through the outbox, in
 * the transaction that changed it, so journey-service can refuse to take a journey live on an email that is not
 * READY. Id, name and status only: no content.
 */
@ApplicationScoped
public class TemplateCatalog {

    public static final String TOPIC = "emails.catalog";
    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);

    private final EntityManager em;
    private final CatalogPublisher<EmailCatalogEntry> catalog;

    TemplateCatalog(Outbox outbox, EntityManager em) {
        this.em = em;
        this.catalog = new CatalogPublisher<>(outbox, TOPIC, "email_template", row -> EmailCatalogEntry.newBuilder()
                .setEmailId(row.id().toString())
                .setName(row.name())
                .setStatus(CatalogPublisher.status(EmailStatus.class, row.status(), EmailStatus.OTHER))
                .setUpdatedAt(row.updatedAt())
                .build());
    }

    /** Writes the template's current state to the outbox; call it after the change is flushed (see CatalogPublisher). */
    void publish(EmailTemplate template) {
        catalog.publish(template.id, template.name, template.status.name(), template.updatedAt);
    }

    @Transactional
    void republishAll(@Observes StartupEvent start) {
        LOG.infof("%s: republished %d template(s)", TOPIC, catalog.republishAll(em));
    }
}
