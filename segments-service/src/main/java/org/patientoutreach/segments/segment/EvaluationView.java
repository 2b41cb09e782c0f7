package org.patientoutreach.segments.segment;

import java.time.Instant;
import java.util.UUID;

/** The outcome of one set-wise evaluation of a segment. */
public record EvaluationView(UUID evaluationId, UUID segmentId, String reason, int members, int entered, int exited,
        Instant startedAt, Instant finishedAt) {
}
