package org.patientoutreach.journeys.segment;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.journeys.support.StatusCatalog;
import org.patientoutreach.schemas.SegmentStatus;

/** The local projection of segments.catalog (table segment_catalog): each segment's status, for go-live checks. */
@ApplicationScoped
public class SegmentCatalog {

    private final StatusCatalog table = new StatusCatalog("segment_catalog", "segment_id");

    public void apply(UUID segmentId, SegmentStatus status, Instant updatedAt) {
        table.apply(segmentId, status.name(), updatedAt);
    }

    public Optional<SegmentStatus> status(UUID segmentId) {
        return table.status(segmentId).map(SegmentStatus::valueOf);
    }
}
