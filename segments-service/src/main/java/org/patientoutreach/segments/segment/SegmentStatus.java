package org.patientoutreach.segments.segment;

/** DRAFT: editable, previewable. LIVE: evaluated as data changes, publishes membership. ARCHIVED: frozen. */
public enum SegmentStatus {
    DRAFT, LIVE, ARCHIVED
}
