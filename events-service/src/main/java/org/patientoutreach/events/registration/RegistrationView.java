package org.patientoutreach.events.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RegistrationView(
        UUID id,
        UUID eventId,
        String patientId,
        RegistrationStatus status,
        @Schema(description = "1-based place in the waitlist; present only while WAITLISTED")
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer waitlistPosition,
        @Schema(description = "When attendance was recorded; present once CHECKED_IN")
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant checkedInAt,
        @Schema(description = "STAFF or IMPORT; present once CHECKED_IN")
        @JsonInclude(JsonInclude.Include.NON_NULL) AttendanceSource attendanceSource,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static RegistrationView of(Registration r, Integer waitlistPosition) {
        return new RegistrationView(r.id, r.eventId, r.patientId, r.status, waitlistPosition, r.checkedInAt,
                r.attendanceSource, r.version, r.createdAt, r.updatedAt);
    }

    static RegistrationView of(Registration r) {
        return of(r, r.waitlistPosition());
    }
}
