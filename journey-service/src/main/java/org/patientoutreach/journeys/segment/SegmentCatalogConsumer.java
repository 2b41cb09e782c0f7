package org.patientoutreach.journeys.segment;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.schemas.SegmentCatalogEntry;

/**
 * Projects segments.catalog. No inbox: entries carry no unique id, and applying one twice changes nothing because the
 * projection keeps the latest {@code updatedAt}.
 */
@ApplicationScoped
public class SegmentCatalogConsumer {

    static final String CHANNEL = "segments-catalog";

    private final SegmentCatalog catalog;

    @Inject
    public SegmentCatalogConsumer(SegmentCatalog catalog) {
        this.catalog = catalog;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onEntry(SegmentCatalogEntry entry) {
        catalog.apply(Ids.require("segmentId", entry.getSegmentId()), entry.getStatus(), entry.getUpdatedAt());
    }
}
