package org.patientoutreach.events.registration;

import java.time.Instant;
import java.util.List;

/** The attendee list as CSV (RFC 4180): ids, statuses and times only, one registration per line. */
final class AttendeeCsv {

    static final String HEADER = "registrationId,patientId,status,waitlistPosition,registeredAt,checkedInAt,"
            + "attendanceSource,updatedAt";

    private AttendeeCsv() {
    }

    static String write(List<RegistrationView> registrations) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (RegistrationView r : registrations) {
            csv.append(r.id()).append(',')
                    .append(cell(r.patientId())).append(',')
                    .append(r.status()).append(',')
                    .append(r.waitlistPosition() == null ? "" : r.waitlistPosition()).append(',')
                    .append(time(r.createdAt())).append(',')
                    .append(time(r.checkedInAt())).append(',')
                    .append(r.attendanceSource() == null ? "" : r.attendanceSource()).append(',')
                    .append(time(r.updatedAt())).append("\r\n");
        }
        return csv.toString();
    }

    /**
     * Quotes a cell that holds a separator or a quote, and defuses one a spreadsheet would run as a formula
     * (CSV injection): patient ids come from source systems we do not control.
     */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
