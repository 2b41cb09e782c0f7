package org.patientoutreach.segments.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.segments.segment.FactKind;

/** The compiler alone: no database. */
class RuleCompilerTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

    private static final RuleResolver RESOLVER = new RuleResolver() {
        @Override
        public Optional<java.util.Map<String, String[]>> valueSet(String reference) {
            return reference.equals("known")
                    ? Optional.of(java.util.Map.of("http://snomed.info/sct", new String[] { "73761001" }))
                    : Optional.empty();
        }

        @Override
        public boolean segmentExists(UUID segmentId) {
            return false;
        }

        @Override
        public Optional<Rule> measure(String measureId, int year, Rule.Population population) {
            return Optional.empty();
        }
    };

    private static SqlExpr compile(Rule rule) {
        return RuleCompiler.compile(rule, "rule", RESOLVER, AS_OF);
    }

    @Test
    void values_never_enter_the_sql_text() {
        String hostile = "x'); DROP TABLE patient; --";
        SqlExpr expr = compile(new Rule.Or(List.of(new Rule.PostalCode(List.of(hostile)),
                new Rule.HasFact(FactKind.CONDITION, null, hostile, List.of(hostile), null, null, null))));
        assertFalse(expr.sql().contains("DROP"));
        assertEquals(countOf(expr.sql(), '?'), expr.parameters().size(), "one parameter per placeholder");
    }

    @Test
    void age_bounds_become_birth_date_bounds_at_the_given_date() {
        SqlExpr expr = compile(new Rule.Age(42, 74, null));
        assertTrue(expr.parameters().contains(LocalDate.of(1983, 12, 31)), "42 at 2025-12-31: born on or before");
        assertTrue(expr.parameters().contains(LocalDate.of(1950, 12, 31)), "74 at 2025-12-31: born after");
    }

    @Test
    void errors_name_the_path_of_the_offending_node() {
        RuleException e = assertThrows(RuleException.class, () -> compile(new Rule.And(List.of(
                new Rule.Gender(List.of("female")),
                new Rule.Not(new Rule.LatestValue("unknown", null, null, null, Rule.Comparator.GT, BigDecimal.ONE, null))))));
        assertEquals("rule.rules[1].rule.valueSet", e.path());
        assertEquals("rule.window.to", assertThrows(RuleException.class, () -> compile(new Rule.HasFact(FactKind.PROCEDURE,
                "known", null, null, Rule.Window.between(AS_OF, AS_OF.minusDays(1)), null, null))).path());
        assertEquals("rule.minCount", assertThrows(RuleException.class, () -> compile(new Rule.HasFact(FactKind.PROCEDURE,
                "known", null, null, null, 0, null))).path());
    }

    @Test
    void a_tree_too_deep_is_refused() {
        Rule rule = new Rule.Gender(List.of("male"));
        for (int i = 0; i < 20; i++) {
            rule = new Rule.Not(rule);
        }
        Rule deep = rule;
        assertTrue(assertThrows(RuleException.class, () -> compile(deep)).getMessage().contains("levels deep"));
    }

    @Test
    void incremental_compilation_restricts_every_fact_subquery_to_the_changed_patients() {
        String[] changed = { "p1", "p2" };
        SqlExpr expr = RuleCompiler.compile(new Rule.And(List.of(
                new Rule.HasFact(FactKind.CONDITION, "known", null, null, null, null, null),
                new Rule.EncounterCount("EMER", null, null, null, null, 2))), "rule", RESOLVER, AS_OF, changed);
        long restrictions = new ArrayList<>(expr.parameters()).stream().filter(p -> p == changed).count();
        assertEquals(2, restrictions);
    }

    private static long countOf(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
