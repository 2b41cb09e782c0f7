package org.patientoutreach.emails.suppression;

import java.time.Instant;

public record SuppressionView(String patientId, SuppressionReason reason, long version, Instant createdAt,
        Instant updatedAt) {

    static SuppressionView of(Suppression s) {
        return new SuppressionView(s.patientId, s.reason, s.version, s.createdAt, s.updatedAt);
    }
}
