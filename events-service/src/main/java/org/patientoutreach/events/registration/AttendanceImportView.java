package org.patientoutreach.events.registration;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an attendance import did. Rows are named by line number, so the answer repeats no patient id. */
public record AttendanceImportView(
        @Schema(description = "Rows read, header excluded") int rows,
        @Schema(description = "Registrations this import checked in") int checkedIn,
        @Schema(description = "Rows whose registration was already CHECKED_IN") int alreadyCheckedIn,
        @Schema(description = "Lines naming a WAITLISTED or CANCELLED registration: no seat, not checked in")
        List<Integer> linesWithoutSeat,
        @Schema(description = "Lines naming no registration of this event") List<Integer> unknownLines) {
}
