package org.patientoutreach.journeys.segment;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.journeys.support.Ids;
import org.patientoutreach.journeys.support.StatusCatalog;
import org.patientoutreach.schemas.SegmentCatalogEntry;
import org.patientoutreach.schemas.SegmentStatus;

/** The local projection of segments.catalog (table segment_catalog): each segment's status, for go-live checks. */
@ApplicationScoped
public class SegmentCatalog {

    private final StatusCatalog table = new StatusCatalog("segment_catalog", "segment_id");

    /** Projects segments.catalog (no inbox: a repeated entry changes nothing, see StatusCatalog). */
    @Incoming("segments-catalog")
    @Blocking
    @Transactional
    public void onEntry(SegmentCatalogEntry entry) {
        table.apply(Ids.require("segmentId", entry.getSegmentId()), entry.getStatus().name(), entry.getUpdatedAt());
    }

    public Optional<SegmentStatus> status(UUID segmentId) {
        return table.status(segmentId).map(SegmentStatus::valueOf);
    }
}
