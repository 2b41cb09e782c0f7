package org.patientoutreach.events.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.patientoutreach.commons.problem.ProblemException;

/**
 * Reads a virtual meeting's attendance report: CSV (RFC 4180 quoting, one record per line) whose rows each name a
 * registration id or a patient id. A header row is optional; when present, the first column named like
 * {@code registrationId} or {@code patientId} is used (meeting tools export several columns), otherwise the first.
 */
public final class AttendanceReport {

    static final int MAX_ROWS = 100_000;
    private static final Set<String> ID_HEADERS = Set.of("registrationid", "registration_id", "registration id",
            "patientid", "patient_id", "patient id", "id");

    /** One id and the 1-based line it came from, so answers can point at lines instead of repeating ids. */
    public record Row(int line, String id) {
    }

    private AttendanceReport() {
    }

    public static List<Row> parse(String csv) {
        List<Row> rows = new ArrayList<>();
        String[] lines = (csv == null ? "" : csv).split("\r\n|\n|\r", -1);
        int column = 0;
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = cells(lines[i], i + 1);
            if (first) {
                first = false;
                int header = headerColumn(cells);
                if (header >= 0) {
                    column = header;
                    continue;
                }
            }
            String id = column < cells.size() ? cells.get(column).strip() : "";
            if (!id.isEmpty()) {
                rows.add(new Row(i + 1, id));
            }
            if (rows.size() > MAX_ROWS) {
                throw ProblemException.badField("body", "has more than " + MAX_ROWS + " rows");
            }
        }
        if (rows.isEmpty()) {
            throw ProblemException.badField("body", "names no registration or patient");
        }
        return rows;
    }

    private static int headerColumn(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (ID_HEADERS.contains(cells.get(i).strip().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** Splits one CSV record; a quoted cell may hold commas and doubled quotes. */
    static List<String> cells(String line, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == ';' || c == '\t') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw ProblemException.badField("body", "line " + lineNumber + " has an unclosed quote");
        }
        cells.add(cell.toString());
        return cells;
    }
}
