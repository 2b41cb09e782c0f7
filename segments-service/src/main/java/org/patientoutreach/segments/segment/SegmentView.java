package org.patientoutreach.segments.segment;

import java.time.Instant;
import java.util.UUID;

public record SegmentView(UUID id, String name, String description, SegmentDefinition definition, SegmentStatus status,
        int memberCount, Instant lastEvaluatedAt, long version, Instant createdAt, Instant updatedAt) {

    static SegmentView of(Segment s) {
        return new SegmentView(s.id, s.name, s.description, s.definition, s.status, s.memberCount, s.lastEvaluatedAt,
                s.version, s.createdAt, s.updatedAt);
    }
}
