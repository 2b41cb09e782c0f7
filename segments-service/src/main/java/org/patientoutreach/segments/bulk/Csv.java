package org.patientoutreach.segments.bulk;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Writes rows in PostgreSQL's COPY CSV format: every value quoted, an absent value unquoted and empty (NULL). */
final class Csv {

    private final StringBuilder out = new StringBuilder(1 << 16);
    private boolean first = true;

    Csv value(String v) {
        sep();
        if (v != null) {
            out.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        return this;
    }

    Csv value(Instant v) {
        return value(v == null ? null : v.toString());
    }

    Csv value(LocalDate v) {
        return value(v == null ? null : v.toString());
    }

    Csv value(BigDecimal v) {
        return value(v == null ? null : v.toPlainString());
    }

    Csv value(Boolean v) {
        return value(v == null ? null : v ? "t" : "f");
    }

    Csv value(int v) {
        return value(Integer.toString(v));
    }

    /** A text[] literal: {"a","b"} with backslash escapes inside, then quoted as one CSV value. */
    Csv array(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return value(literal.append('}').toString());
    }

    Csv endRow() {
        out.append('\n');
        first = true;
        return this;
    }

    String text() {
        return out.toString();
    }

    private void sep() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }
}
