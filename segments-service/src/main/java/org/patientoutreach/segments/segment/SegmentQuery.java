package org.patientoutreach.segments.segment;

import java.time.LocalDate;
import java.util.List;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.segments.rule.RuleCompiler;
import org.patientoutreach.segments.rule.RuleException;
import org.patientoutreach.segments.rule.RuleResolver;
import org.patientoutreach.segments.rule.SqlExpr;

/**
 * A {@link SegmentDefinition} compiled into one SQL query over {@code patient} and {@code clinical_fact} that
 * returns the member ids, so membership is computed set-wise inside PostgreSQL rather than patient by patient.
 */
public record SegmentQuery(String sql, List<Object> parameters) {

    /**
     * Compiles the definition as of {@code asOf}, over every patient or only {@code patients}; a rule that cannot
     * compile is a 400 naming its path.
     */
    public static SegmentQuery of(SegmentDefinition definition, RuleResolver resolver, LocalDate asOf,
            String[] patients) {
        if (definition == null || definition.rule() == null) {
            throw ProblemException.badField("definition.rule", "is required");
        }
        try {
            SqlExpr expr = RuleCompiler.compile(definition.rule(), "definition.rule", resolver, asOf, patients);
            if (patients == null) {
                return new SegmentQuery("SELECT p.id FROM patient p WHERE NOT p.deceased AND (" + expr.sql() + ")",
                        expr.parameters());
            }
            List<Object> parameters = new java.util.ArrayList<>();
            parameters.add(patients);
            parameters.addAll(expr.parameters());
            return new SegmentQuery("SELECT p.id FROM patient p WHERE p.id = ANY (?) AND NOT p.deceased AND ("
                    + expr.sql() + ")", parameters);
        } catch (RuleException e) {
            throw ProblemException.badField(e.path(), e.getMessage());
        }
    }
}
