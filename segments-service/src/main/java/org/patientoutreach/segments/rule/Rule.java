package org.patientoutreach.segments.rule;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.segments.segment.FactKind;

/**
 * A segment's rule tree, as JSON with a {@code type} on every node. Groups ({@code and}, {@code or}, {@code not})
 * combine demographic, clinical and membership tests; {@link RuleCompiler} turns the tree into one parameterized SQL
 * expression and names the path of any node it cannot compile.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Rule.And.class, name = "and"),
        @JsonSubTypes.Type(value = Rule.Or.class, name = "or"),
        @JsonSubTypes.Type(value = Rule.Not.class, name = "not"),
        @JsonSubTypes.Type(value = Rule.Age.class, name = "age"),
        @JsonSubTypes.Type(value = Rule.Gender.class, name = "gender"),
        @JsonSubTypes.Type(value = Rule.PostalCode.class, name = "postalCode"),
        @JsonSubTypes.Type(value = Rule.Language.class, name = "language"),
        @JsonSubTypes.Type(value = Rule.HasFact.class, name = "hasFact"),
        @JsonSubTypes.Type(value = Rule.LatestValue.class, name = "latestValue"),
        @JsonSubTypes.Type(value = Rule.EncounterCount.class, name = "encounterCount"),
        @JsonSubTypes.Type(value = Rule.InSegment.class, name = "inSegment"),
        @JsonSubTypes.Type(value = Rule.Deceased.class, name = "deceased"),
        @JsonSubTypes.Type(value = Rule.CareGap.class, name = "careGap") })
@Schema(description = "A node of a segment rule tree; see the service README for every type",
        oneOf = { Rule.And.class, Rule.Or.class, Rule.Not.class, Rule.Age.class, Rule.Gender.class,
                Rule.PostalCode.class, Rule.Language.class, Rule.HasFact.class, Rule.LatestValue.class,
                Rule.EncounterCount.class, Rule.InSegment.class, Rule.Deceased.class, Rule.CareGap.class })
public sealed interface Rule {

    /** Every rule holds. */
    record And(List<Rule> rules) implements Rule {
    }

    /** At least one rule holds. */
    record Or(List<Rule> rules) implements Rule {
    }

    /** The rule does not hold. */
    record Not(Rule rule) implements Rule {
    }

    /** Age in whole years at {@code at} (default: the evaluation date) is within [min, max]. */
    record Age(Integer min, Integer max, LocalDate at) implements Rule {
    }

    /** Administrative gender (FHIR codes: female, male, other, unknown). */
    record Gender(List<String> in) implements Rule {
    }

    /** Postal code starts with one of the prefixes. */
    record PostalCode(List<String> prefixes) implements Rule {
    }

    /** Preferred language is one of these (BCP 47; "es" also matches "es-MX"). */
    record Language(List<String> in) implements Rule {
    }

    /**
     * Has a fact of {@code kind} whose coding is in the value set (by id, OID or url) or in {@code codes} of
     * {@code system}, within the window, at least {@code minCount} times on distinct days (default 1). With
     * {@code overlaps}, a fact with a duration (condition, coverage) counts when its span overlaps the window.
     */
    record HasFact(FactKind kind, String valueSet, String system, List<String> codes, Window window,
            Integer minCount, Boolean overlaps) implements Rule {
    }

    /**
     * The latest observation in the window (the lowest value of its day) compares to {@code value}; with
     * {@code orMissing}, having no such observation or no value also holds.
     */
    record LatestValue(String valueSet, String system, List<String> codes, Window window, Comparator comparator,
            BigDecimal value, Boolean orMissing) implements Rule {
    }

    /** At least {@code min} encounters of the class (FHIR ActCode, e.g. AMB, EMER, IMP) and codes in the window. */
    record EncounterCount(String encounterClass, String valueSet, String system, List<String> codes, Window window,
            Integer min) implements Rule {
    }

    /** Is a current member of another segment. */
    record InSegment(UUID segmentId) implements Rule {
    }

    /**
     * Recorded as deceased. Segments never contain deceased patients whatever their rule; measures use this to
     * count them as excluded.
     */
    record Deceased() implements Rule {
    }

    /** Belongs to a population of a prebuilt care-gap measure for the measurement year (default: the current one). */
    record CareGap(String measure, Integer period, Population population) implements Rule {
    }

    enum Comparator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=");

        final String sql;

        Comparator(String sql) {
            this.sql = sql;
        }
    }

    /** Which population of a measure: the gap (default) is eligible, not excluded and numerator not met. */
    enum Population {
        ELIGIBLE, EXCLUDED, NUMERATOR, GAP
    }

    /**
     * When a fact must have happened, inclusive: absolute dates ({@code from}, {@code to}), a {@code lookback}
     * period ending at the evaluation date (ISO 8601, e.g. P27M), or ages ({@code fromAge}, {@code toAge}, e.g.
     * P42D, P2Y) counted from the patient's birth date. Parts combine.
     */
    record Window(LocalDate from, LocalDate to, java.time.Period lookback, java.time.Period fromAge,
            java.time.Period toAge) {

        public static Window between(LocalDate from, LocalDate to) {
            return new Window(from, to, null, null, null);
        }

        public static Window ages(java.time.Period fromAge, java.time.Period toAge) {
            return new Window(null, null, null, fromAge, toAge);
        }
    }
}
