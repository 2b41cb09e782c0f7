package org.patientoutreach.segments.segment;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.catalog.CatalogPublisher;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.schemas.SegmentCatalogEntry;

/**
 * Publishes each segment's status on {@code segments.catalog} (compacted, key segmentId) through the outbox, in the
 * transaction that changed it, so journey-service can refuse to take a journey live on a segment that is not LIVE.
 * Id, name and status only: never a member.
 */
@ApplicationScoped
public class SegmentCatalog {

    static final String TOPIC = "segments.catalog";
    private static final Logger LOG = Logger.getLogger(SegmentCatalog.class);

    private final EntityManager em;
    private final CatalogPublisher<SegmentCatalogEntry> catalog;

    SegmentCatalog(Outbox outbox, EntityManager em) {
        this.em = em;
        this.catalog = new CatalogPublisher<>(outbox, TOPIC, "segment", row -> SegmentCatalogEntry.newBuilder()
                .setSegmentId(row.id().toString())
                .setName(row.name())
                .setStatus(CatalogPublisher.status(org.patientoutreach.schemas.SegmentStatus.class, row.status(),
                        org.patientoutreach.schemas.SegmentStatus.OTHER))
                .setUpdatedAt(row.updatedAt())
                .build());
    }

    /** Writes the segment's current state to the outbox, after flushing its row's UPDATE (see CatalogPublisher). */
    void publish(Segment segment) {
        em.flush();
        catalog.publish(segment.id, segment.name, segment.status.name(), segment.updatedAt);
    }

    @Transactional
    void republishAll(@Observes StartupEvent start) {
        LOG.infof("%s: republished %d segment(s)", TOPIC, catalog.republishAll(em));
    }
}
