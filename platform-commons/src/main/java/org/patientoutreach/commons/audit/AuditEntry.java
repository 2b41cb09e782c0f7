package org.patientoutreach.commons.audit;

import java.time.Instant;
import java.util.UUID;

/** Who did what to which resource, when, and how it ended. No request or response bodies: they can hold PHI. */
public record AuditEntry(UUID id, Instant at, String subject, String roles, String action, String method, String path,
        String resourceType, String resourceId, int status) {
}
