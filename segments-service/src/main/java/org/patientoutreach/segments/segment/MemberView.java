package org.patientoutreach.segments.segment;

import java.time.Instant;

/** A member of a segment: ids only; contact details stay behind the patient endpoint. */
public record MemberView(String patientId, Instant enteredAt) {
}
