package org.patientoutreach.segments.rule;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.patientoutreach.segments.segment.FactKind;

/**
 * Compiles a {@link Rule} tree into one SQL boolean expression over {@code patient p}. Every value travels as a
 * parameter, never as SQL text, so no rule can inject SQL. Clinical tests compile to uncorrelated
 * {@code p.id IN (SELECT patient_id ...)} sets, which PostgreSQL evaluates as hash semi-joins over the whole
 * population at once. Pure apart from the {@link RuleResolver} lookups.
 */
public final class RuleCompiler {

    static final int MAX_NODES = 300;
    static final int MAX_DEPTH = 12;
    static final int MAX_CODES = 5000;
    /** Fact statuses that mean it did not happen or was recorded by mistake. */
    static final String[] VOID_STATUS = { "entered-in-error", "not-done", "cancelled", "refuted" };
    /** Condition clinical statuses that mean the patient no longer has it. */
    static final String[] INACTIVE_CONDITION = { "inactive", "resolved", "remission" };
    private static final Set<String> GENDERS = Set.of("female", "male", "other", "unknown");

    private final RuleResolver resolver;
    private final LocalDate asOf;
    /** When set, every fact subquery reads only these patients' rows: incremental evaluation costs what changed. */
    private final String[] onlyPatients;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private int nodes;

    private RuleCompiler(RuleResolver resolver, LocalDate asOf, String[] onlyPatients) {
        this.resolver = resolver;
        this.asOf = asOf;
        this.onlyPatients = onlyPatients;
    }

    /** Compiles {@code rule}; {@code path} names its place in the request (e.g. "definition.rule"). */
    public static SqlExpr compile(Rule rule, String path, RuleResolver resolver, LocalDate asOf) {
        return compile(rule, path, resolver, asOf, null);
    }

    /** As {@link #compile(Rule, String, RuleResolver, LocalDate)}, reading only the facts of {@code onlyPatients}. */
    public static SqlExpr compile(Rule rule, String path, RuleResolver resolver, LocalDate asOf,
            String[] onlyPatients) {
        RuleCompiler compiler = new RuleCompiler(resolver, asOf, onlyPatients);
        compiler.node(rule, path, 0);
        return new SqlExpr(compiler.sql.toString(), List.copyOf(compiler.parameters));
    }

    private void node(Rule rule, String path, int depth) {
        if (rule == null) {
            throw new RuleException(path, "a rule is required here");
        }
        if (++nodes > MAX_NODES) {
            throw new RuleException(path, "a rule tree may have at most " + MAX_NODES + " nodes");
        }
        if (depth > MAX_DEPTH) {
            throw new RuleException(path, "a rule tree may be at most " + MAX_DEPTH + " levels deep");
        }
        if (rule instanceof Rule.And and) {
            group(and.rules(), " AND ", path, depth);
        } else if (rule instanceof Rule.Or or) {
            group(or.rules(), " OR ", path, depth);
        } else if (rule instanceof Rule.Not not) {
            sql.append("NOT (");
            node(not.rule(), path + ".rule", depth + 1);
            sql.append(')');
        } else if (rule instanceof Rule.Age age) {
            age(age, path);
        } else if (rule instanceof Rule.Gender gender) {
            List<String> values = strings(gender.in(), path + ".in", 10);
            for (int i = 0; i < values.size(); i++) {
                if (!GENDERS.contains(values.get(i))) {
                    throw new RuleException(path + ".in[" + i + "]", "must be one of " + GENDERS);
                }
            }
            append("p.gender = ANY (?)", (Object) values.toArray(String[]::new));
        } else if (rule instanceof Rule.PostalCode postal) {
            append("p.postal_code LIKE ANY (?)", (Object) strings(postal.prefixes(), path + ".prefixes", 1000).stream()
                    .map(RuleCompiler::likePrefix).toArray(String[]::new));
        } else if (rule instanceof Rule.Language language) {
            String[] values = strings(language.in(), path + ".in", 50).stream().map(String::toLowerCase)
                    .toArray(String[]::new);
            append("(lower(p.language) = ANY (?) OR lower(split_part(p.language, '-', 1)) = ANY (?))", values, values);
        } else if (rule instanceof Rule.HasFact fact) {
            hasFact(fact, path);
        } else if (rule instanceof Rule.LatestValue latest) {
            latestValue(latest, path);
        } else if (rule instanceof Rule.EncounterCount count) {
            encounterCount(count, path);
        } else if (rule instanceof Rule.InSegment in) {
            inSegment(in, path);
        } else if (rule instanceof Rule.Deceased) {
            sql.append("p.deceased");
        } else if (rule instanceof Rule.CareGap gap) {
            careGap(gap, path, depth);
        } else {
            throw new RuleException(path + ".type", "unknown rule type");
        }
    }

    private void inSegment(Rule.InSegment in, String path) {
        if (in.segmentId() == null) {
            throw new RuleException(path + ".segmentId", "is required");
        }
        if (!resolver.segmentExists(in.segmentId())) {
            throw new RuleException(path + ".segmentId", "no such segment");
        }
        append("p.id IN (SELECT m.patient_id FROM segment_member m WHERE m.segment_id = ?", in.segmentId());
        if (onlyPatients != null) {
            append(" AND m.patient_id = ANY (?)", (Object) onlyPatients);
        }
        sql.append(')');
    }

    private void group(List<Rule> rules, String operator, String path, int depth) {
        if (rules == null || rules.isEmpty()) {
            throw new RuleException(path + ".rules", "a group needs at least one rule");
        }
        sql.append('(');
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            node(rules.get(i), path + ".rules[" + i + "]", depth + 1);
        }
        sql.append(')');
    }

    /** Age bounds become birth-date bounds, so the test can use an index and needs no per-row arithmetic. */
    private void age(Rule.Age age, String path) {
        if (age.min() == null && age.max() == null) {
            throw new RuleException(path, "give min, max or both");
        }
        if (age.min() != null && (age.min() < 0 || age.min() > 150)) {
            throw new RuleException(path + ".min", "must be between 0 and 150");
        }
        if (age.max() != null && (age.max() < 0 || age.max() > 150)) {
            throw new RuleException(path + ".max", "must be between 0 and 150");
        }
        if (age.min() != null && age.max() != null && age.min() > age.max()) {
            throw new RuleException(path + ".max", "must not be below min");
        }
        LocalDate at = age.at() == null ? asOf : age.at();
        sql.append("(p.birth_date IS NOT NULL");
        if (age.min() != null) {
            append(" AND p.birth_date <= ?", at.minusYears(age.min()));
        }
        if (age.max() != null) {
            append(" AND p.birth_date > ?", at.minusYears(age.max() + 1L));
        }
        sql.append(')');
    }

    private void hasFact(Rule.HasFact fact, String path) {
        if (fact.kind() == null) {
            throw new RuleException(path + ".kind", "is required: one of " + List.of(FactKind.values()));
        }
        int minCount = fact.minCount() == null ? 1 : fact.minCount();
        if (minCount < 1 || minCount > 100) {
            throw new RuleException(path + ".minCount", "must be between 1 and 100");
        }
        boolean overlaps = Boolean.TRUE.equals(fact.overlaps());
        sql.append("p.id IN (SELECT f.patient_id FROM clinical_fact f");
        if (needsBirthDate(fact.window())) {
            sql.append(" JOIN patient b ON b.id = f.patient_id");
        }
        sql.append(" WHERE ");
        kind(fact.kind());
        coding(fact.valueSet(), fact.system(), fact.codes(), path);
        if (fact.kind() == FactKind.CONDITION && fact.window() == null) {
            append(" AND (f.status IS NULL OR f.status <> ALL (?))", (Object) INACTIVE_CONDITION);
        }
        window(fact.window(), overlaps, path + ".window");
        if (minCount > 1) {
            append(" GROUP BY f.patient_id HAVING count(DISTINCT (f.effective_at AT TIME ZONE 'UTC')::date) >= ?",
                    minCount);
        }
        sql.append(')');
    }

    /**
     * The latest observation day in the window, and on it the lowest value (as the eCQMs read blood pressure and
     * HbA1c); DISTINCT ON picks that row per patient in one sorted pass.
     */
    private void latestValue(Rule.LatestValue latest, String path) {
        if (latest.comparator() == null) {
            throw new RuleException(path + ".comparator", "is required: one of " + List.of(Rule.Comparator.values()));
        }
        if (latest.value() == null) {
            throw new RuleException(path + ".value", "is required");
        }
        boolean orMissing = Boolean.TRUE.equals(latest.orMissing());
        sql.append(orMissing ? "(" : "");
        sql.append("p.id IN (SELECT l.patient_id FROM (SELECT DISTINCT ON (f.patient_id) f.patient_id, f.value_num"
                + " FROM clinical_fact f");
        boolean birth = needsBirthDate(latest.window());
        if (birth) {
            sql.append(" JOIN patient b ON b.id = f.patient_id");
        }
        sql.append(" WHERE ");
        kind(FactKind.OBSERVATION);
        int codingStart = sql.length();
        int parameterStart = parameters.size();
        coding(latest.valueSet(), latest.system(), latest.codes(), path);
        window(latest.window(), false, path + ".window");
        String filter = sql.substring(codingStart);
        List<Object> filterParameters = List.copyOf(parameters.subList(parameterStart, parameters.size()));
        sql.append(" ORDER BY f.patient_id, (f.effective_at AT TIME ZONE 'UTC')::date DESC, f.value_num ASC NULLS LAST) l"
                + " WHERE l.value_num ").append(latest.comparator().sql).append(" ?");
        parameters.add(latest.value());
        if (orMissing) {
            sql.append(" OR l.value_num IS NULL)");
            sql.append(" OR p.id NOT IN (SELECT f.patient_id FROM clinical_fact f");
            if (birth) {
                sql.append(" JOIN patient b ON b.id = f.patient_id");
            }
            sql.append(" WHERE ");
            kind(FactKind.OBSERVATION);
            sql.append(filter);
            parameters.addAll(filterParameters);
            sql.append("))");
        } else {
            sql.append(')');
        }
    }

    private void encounterCount(Rule.EncounterCount count, String path) {
        int min = count.min() == null ? 1 : count.min();
        if (min < 1 || min > 1000) {
            throw new RuleException(path + ".min", "must be between 1 and 1000");
        }
        if (count.encounterClass() == null && count.valueSet() == null && count.codes() == null) {
            throw new RuleException(path, "give an encounterClass, a valueSet or codes");
        }
        sql.append("p.id IN (SELECT f.patient_id FROM clinical_fact f");
        if (needsBirthDate(count.window())) {
            sql.append(" JOIN patient b ON b.id = f.patient_id");
        }
        sql.append(" WHERE ");
        kind(FactKind.ENCOUNTER);
        if (count.encounterClass() != null) {
            if (count.encounterClass().isBlank() || count.encounterClass().length() > 20) {
                throw new RuleException(path + ".encounterClass", "must be an ActCode such as AMB, EMER or IMP");
            }
            append(" AND f.category = ?", count.encounterClass());
        }
        if (count.valueSet() != null || count.codes() != null) {
            coding(count.valueSet(), count.system(), count.codes(), path);
        }
        window(count.window(), false, path + ".window");
        append(" GROUP BY f.patient_id HAVING count(DISTINCT f.resource_id) >= ?)", min);
    }

    private void careGap(Rule.CareGap gap, String path, int depth) {
        if (gap.measure() == null || gap.measure().isBlank()) {
            throw new RuleException(path + ".measure", "is required, e.g. BCS-E");
        }
        int year = gap.period() == null ? asOf.getYear() : gap.period();
        if (year < 1900 || year > 2200) {
            throw new RuleException(path + ".period", "must be a measurement year such as 2025");
        }
        Rule.Population population = gap.population() == null ? Rule.Population.GAP : gap.population();
        Rule expanded = resolver.measure(gap.measure(), year, population)
                .orElseThrow(() -> new RuleException(path + ".measure", "no such measure"));
        sql.append('(');
        node(expanded, path + "[" + gap.measure() + "]", depth + 1);
        sql.append(')');
    }

    private void kind(FactKind kind) {
        append("f.resource_type = ANY (?) AND (f.status IS NULL OR f.status <> ALL (?))", kind.resourceTypes(),
                VOID_STATUS);
        if (onlyPatients != null) {
            append(" AND f.patient_id = ANY (?)", (Object) onlyPatients);
        }
    }

    /** Codes always match together with their system: a LOINC code never matches a SNOMED code of equal text. */
    private void coding(String valueSet, String system, List<String> codes, String path) {
        if (valueSet != null && codes != null) {
            throw new RuleException(path + ".codes", "give either a valueSet or codes, not both");
        }
        if (valueSet != null) {
            // The codes go in as arrays, per system: the planner then sees the real codes and their statistics and
            // picks index scans on (code, system) for rare codes, where a join to value_set_code hid them.
            java.util.Map<String, String[]> bySystem = resolver.valueSet(valueSet)
                    .orElseThrow(() -> new RuleException(path + ".valueSet", "no such value set"));
            if (bySystem.isEmpty()) {
                sql.append(" AND false");
                return;
            }
            sql.append(" AND (");
            boolean first = true;
            for (var entry : bySystem.entrySet()) {
                sql.append(first ? "" : " OR ");
                append("(f.system = ? AND f.code = ANY (?))", entry.getKey(), entry.getValue());
                first = false;
            }
            sql.append(')');
            return;
        }
        if (codes == null) {
            throw new RuleException(path + ".valueSet", "give a valueSet or a system with codes");
        }
        if (system == null || system.isBlank()) {
            throw new RuleException(path + ".system", "codes need their system, e.g. http://snomed.info/sct");
        }
        append(" AND f.system = ? AND f.code = ANY (?)", system,
                strings(codes, path + ".codes", MAX_CODES).toArray(String[]::new));
    }

    private void window(Rule.Window window, boolean overlaps, String path) {
        if (window == null) {
            return;
        }
        LocalDate from = window.from();
        LocalDate to = window.to();
        if (window.lookback() != null) {
            if (window.lookback().isNegative() || window.lookback().isZero()) {
                throw new RuleException(path + ".lookback", "must be a positive ISO 8601 period such as P27M");
            }
            LocalDate start = asOf.minus(window.lookback());
            from = from == null || start.isAfter(from) ? start : from;
            to = to == null || asOf.isBefore(to) ? asOf : to;
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new RuleException(path + ".to", "must not be before from");
        }
        // A span [effective_at, ended_at] overlaps the window; a point must fall inside it.
        String end = overlaps ? "coalesce(f.ended_at, 'infinity'::timestamptz)" : "f.effective_at";
        if (from != null) {
            append(" AND " + end + " >= ?", startOf(from));
        }
        if (to != null) {
            append(" AND f.effective_at < ?", startOf(to.plusDays(1)));
        }
        if (window.fromAge() != null) {
            checkAge(window.fromAge(), path + ".fromAge");
            append(" AND " + end + " >= b.birth_date + ?::interval", window.fromAge().toString());
        }
        if (window.toAge() != null) {
            checkAge(window.toAge(), path + ".toAge");
            append(" AND f.effective_at < b.birth_date + ?::interval + interval '1 day'", window.toAge().toString());
        }
        if (from == null && to == null && window.fromAge() == null && window.toAge() == null) {
            throw new RuleException(path, "give from, to, lookback, fromAge or toAge");
        }
        if (!overlaps) {
            sql.append(" AND f.effective_at IS NOT NULL");
        }
    }

    private static void checkAge(java.time.Period age, String path) {
        if (age.isNegative()) {
            throw new RuleException(path, "must be a non-negative ISO 8601 period such as P42D or P2Y");
        }
    }

    private static boolean needsBirthDate(Rule.Window window) {
        return window != null && (window.fromAge() != null || window.toAge() != null);
    }

    private static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static List<String> strings(List<String> values, String path, int max) {
        if (values == null || values.isEmpty()) {
            throw new RuleException(path, "needs at least one value");
        }
        if (values.size() > max) {
            throw new RuleException(path, "may hold at most " + max + " values");
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank() || v.length() > 200) {
                throw new RuleException(path + "[" + i + "]", "must be a non-blank value of at most 200 characters");
            }
        }
        return values;
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private void append(String fragment, Object... values) {
        sql.append(fragment);
        for (Object v : values) {
            parameters.add(v);
        }
    }
}
