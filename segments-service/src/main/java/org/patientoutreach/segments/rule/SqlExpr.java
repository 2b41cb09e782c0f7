package org.patientoutreach.segments.rule;

import java.util.List;

/** A boolean SQL expression over a patient row aliased {@code p}, with its positional parameters. */
public record SqlExpr(String sql, List<Object> parameters) {
}
