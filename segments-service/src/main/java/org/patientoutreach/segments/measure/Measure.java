package org.patientoutreach.segments.measure;

import java.util.function.IntFunction;
import org.patientoutreach.segments.rule.Rule;

/**
 * A prebuilt care-gap measure: three rule trees per measurement year. The care gap is eligible, not excluded and
 * numerator not met; for an inverse measure (lower is better, such as GSD's HbA1c > 9 %) the numerator itself is the
 * gap.
 */
public record Measure(String id, String title, String basis, String logic, boolean inverse,
        IntFunction<Rule> eligible, IntFunction<Rule> excluded, IntFunction<Rule> numerator) {

    public Rule population(int year, Rule.Population population) {
        return switch (population) {
            case ELIGIBLE -> eligible.apply(year);
            case EXCLUDED -> new Rule.And(java.util.List.of(eligible.apply(year), excluded.apply(year)));
            case NUMERATOR -> new Rule.And(java.util.List.of(eligible.apply(year), new Rule.Not(excluded.apply(year)),
                    numerator.apply(year)));
            case GAP -> new Rule.And(java.util.List.of(eligible.apply(year), new Rule.Not(excluded.apply(year)),
                    inverse ? numerator.apply(year) : new Rule.Not(numerator.apply(year))));
        };
    }
}
