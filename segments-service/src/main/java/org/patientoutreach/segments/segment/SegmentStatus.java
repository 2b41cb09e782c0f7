package org.patientoutreach.segments.segment;

/**
 * DRAFT: editable, previewable. LIVE: evaluated as data changes and on schedule, publishes membership changes.
 * PAUSED: members kept, no evaluation and no events until activated again. ARCHIVED: frozen.
 */
public enum SegmentStatus {
    DRAFT, LIVE, PAUSED, ARCHIVED
}
