package org.patientoutreach.triggers.match;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.Condition;
import org.patientoutreach.triggers.trigger.Operator;

/**
 * A condition parsed once (lower-cased texts, a set for IN, typed bounds for RANGE) so that matching an interaction
 * costs a map lookup and a comparison. Pure: no database, no clock. Texts are compared trimmed and
 * case-insensitively because EHRs spell departments and facilities inconsistently. Explanations name the expected
 * value from the trigger, never the interaction's value.
 */
public final class CompiledCondition {

    private final Condition condition;
    private final Function<PatientInteraction, String> read;
    private final Test test;
    /** For EQUALS and IN: the normalised values that pass, so an index can look triggers up by value. */
    private final Set<String> exactValues;

    private CompiledCondition(Condition condition, Function<PatientInteraction, String> read, Test test,
            Set<String> exactValues) {
        this.condition = condition;
        this.read = read;
        this.test = test;
        this.exactValues = exactValues;
    }

    /** @throws InvalidCondition naming the part of the condition that is wrong */
    public static CompiledCondition compile(Condition c) {
        Function<PatientInteraction, String> read = FieldAccess.of(c.field());
        if (c.operator() == null) {
            throw new InvalidCondition("operator", "is required: EQUALS, IN, PREFIX, RANGE or EXISTS");
        }
        Test test = switch (c.operator()) {
            case EQUALS -> equalsTest(text(c.value(), "value"));
            case PREFIX -> prefixTest(text(c.value(), "value"));
            case IN -> inTest(c.values());
            case RANGE -> RangeTest.of(c.min(), c.max());
            case EXISTS -> new Test() {
                public String fails(String actual) {
                    return null;
                }

                public String describe() {
                    return "is present";
                }
            };
        };
        Set<String> exact = switch (c.operator()) {
            case EQUALS -> Set.of(norm(c.value()));
            case IN -> c.values().stream().map(CompiledCondition::norm).collect(Collectors.toUnmodifiableSet());
            default -> null;
        };
        return new CompiledCondition(c, read, test, exact);
    }

    /** The values this condition accepts when it is EQUALS or IN (normalised), else null: any value may pass. */
    Set<String> exactValues() {
        return exactValues;
    }

    /** The interaction's value as {@link #exactValues()} holds it; null when absent or blank (then nothing passes). */
    String indexKey(PatientInteraction interaction) {
        String actual = read.apply(interaction);
        return actual == null || actual.isBlank() ? null : norm(actual);
    }

    public Condition condition() {
        return condition;
    }

    public boolean matches(PatientInteraction interaction) {
        String actual = read.apply(interaction);
        return actual != null && !actual.isBlank() && test.fails(actual) == null;
    }

    /** Why this condition holds or not for {@code interaction}. */
    public ConditionResult explain(PatientInteraction interaction) {
        String actual = read.apply(interaction);
        if (actual == null || actual.isBlank()) {
            return new ConditionResult(condition.field(), condition.operator(), false,
                    "the interaction has no " + condition.field() + "; expected it " + test.describe());
        }
        String failure = test.fails(actual);
        return failure == null
                ? new ConditionResult(condition.field(), condition.operator(), true, condition.field() + " " + test.describe())
                : new ConditionResult(condition.field(), condition.operator(), false, condition.field() + " " + failure);
    }

    /** {@code fails} returns null when the value passes, else why not (without the value). */
    private interface Test {
        String fails(String actual);

        String describe();
    }

    private static String text(String value, String part) {
        if (value == null || value.isBlank()) {
            throw new InvalidCondition(part, "is required and must not be blank");
        }
        if (value.length() > 500) {
            throw new InvalidCondition(part, "must be at most 500 characters");
        }
        return value.strip();
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    private static Test equalsTest(String expected) {
        String wanted = norm(expected);
        return new Test() {
            public String fails(String actual) {
                return norm(actual).equals(wanted) ? null : "differs from '" + expected + "'";
            }

            public String describe() {
                return "equals '" + expected + "'";
            }
        };
    }

    private static Test prefixTest(String prefix) {
        String wanted = norm(prefix);
        return new Test() {
            public String fails(String actual) {
                return norm(actual).startsWith(wanted) ? null : "does not start with '" + prefix + "'";
            }

            public String describe() {
                return "starts with '" + prefix + "'";
            }
        };
    }

    private static Test inTest(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidCondition("values", "must list at least one value");
        }
        if (values.size() > 500) {
            throw new InvalidCondition("values", "must list at most 500 values");
        }
        for (int i = 0; i < values.size(); i++) {
            text(values.get(i), "values[" + i + "]");
        }
        Set<String> wanted = values.stream().map(CompiledCondition::norm).collect(Collectors.toUnmodifiableSet());
        String listed = values.stream().map(String::strip).collect(Collectors.joining("', '", "['", "']"));
        return new Test() {
            public String fails(String actual) {
                return wanted.contains(norm(actual)) ? null : "is not one of " + listed;
            }

            public String describe() {
                return "is one of " + listed;
            }
        };
    }

    /** Inclusive bounds, both numbers or both date-times, decided when the trigger is defined. */
    private record RangeTest(Comparable<Object> min, Comparable<Object> max, boolean numeric, String shown)
            implements Test {

        @SuppressWarnings("unchecked")
        static RangeTest of(String minText, String maxText) {
            String min = minText == null || minText.isBlank() ? null : minText.strip();
            String max = maxText == null || maxText.isBlank() ? null : maxText.strip();
            if (min == null && max == null) {
                throw new InvalidCondition("min", "RANGE needs min, max or both");
            }
            boolean numeric = (min == null || number(min) != null) && (max == null || number(max) != null);
            boolean temporal = (min == null || instant(min) != null) && (max == null || instant(max) != null);
            if (!numeric && !temporal) {
                throw new InvalidCondition(min != null ? "min" : "max",
                        "min and max must both be numbers or both ISO-8601 date-times (e.g. 2026-01-01T00:00:00Z)");
            }
            Comparable<Object> lo = (Comparable<Object>) (Object) (min == null ? null : numeric ? number(min) : instant(min));
            Comparable<Object> hi = (Comparable<Object>) (Object) (max == null ? null : numeric ? number(max) : instant(max));
            if (lo != null && hi != null && lo.compareTo(hi) > 0) {
                throw new InvalidCondition("max", "must not be below min");
            }
            String shown = "[" + (min == null ? "-inf" : min) + ", " + (max == null ? "+inf" : max) + "]";
            return new RangeTest(lo, hi, numeric, shown);
        }

        @Override
        public String fails(String actual) {
            Object value = numeric ? number(actual) : instant(actual);
            if (value == null) {
                return numeric ? "is not a number" : "is not an ISO-8601 date-time";
            }
            if (min != null && min.compareTo(value) > 0) {
                return "is below the range " + shown;
            }
            if (max != null && max.compareTo(value) < 0) {
                return "is above the range " + shown;
            }
            return null;
        }

        @Override
        public String describe() {
            return "is within " + shown;
        }

        private static BigDecimal number(String s) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Instant instant(String s) {
            try {
                return OffsetDateTime.parse(s.strip()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
