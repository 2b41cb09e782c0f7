package org.patientoutreach.segments.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link SegmentDefinition} into one SQL query over {@code patient} and {@code clinical_fact} that returns
 * the member ids, so membership is computed set-wise inside PostgreSQL rather than patient by patient in Java.
 */
public record SegmentQuery(String sql, List<Object> parameters) {

    /** Condition statuses that mean the patient no longer has it. */
    static final List<String> INACTIVE_CONDITION = List.of("resolved", "inactive", "remission", "entered-in-error");

    public static SegmentQuery of(SegmentDefinition definition) {
        StringBuilder sql = new StringBuilder("SELECT p.id FROM patient p WHERE NOT p.deceased");
        List<Object> parameters = new ArrayList<>();
        for (SegmentDefinition.Criterion criterion : definition.criteria()) {
            sql.append(" AND EXISTS (SELECT 1 FROM clinical_fact f WHERE f.patient_id = p.id AND f.resource_type = ?"
                    + " AND f.code = ANY (?)");
            parameters.add(criterion.kind().resourceType());
            parameters.add(criterion.codes().toArray(String[]::new));
            if (criterion.system() != null && !criterion.system().isBlank()) {
                sql.append(" AND f.system = ?");
                parameters.add(criterion.system());
            }
            if (criterion.kind() == FactKind.CONDITION) {
                sql.append(" AND (f.status IS NULL OR f.status <> ALL (?))");
                parameters.add(INACTIVE_CONDITION.toArray(String[]::new));
            }
            sql.append(')');
        }
        return new SegmentQuery(sql.toString(), List.copyOf(parameters));
    }
}
