package org.patientoutreach.segments.measure;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.patientoutreach.segments.rule.Rule;
import org.patientoutreach.segments.rule.Rule.Window;
import org.patientoutreach.segments.segment.FactKind;

/** A small vocabulary for writing measures as rule trees, so each measure reads like its specification. */
final class Rules {

    static final String VSAC = "2.16.840.1.113883.3.";
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";

    private Rules() {
    }

    static Rule and(Rule... rules) {
        return new Rule.And(List.of(rules));
    }

    static Rule or(Rule... rules) {
        return new Rule.Or(List.of(rules));
    }

    static Rule not(Rule rule) {
        return new Rule.Not(rule);
    }

    static Rule female() {
        return new Rule.Gender(List.of("female"));
    }

    /** Age at the end of the measurement year. */
    static Rule ageAtEnd(int year, Integer min, Integer max) {
        return new Rule.Age(min, max, end(year));
    }

    static Rule ageAt(LocalDate at, Integer min, Integer max) {
        return new Rule.Age(min, max, at);
    }

    /** A fact from a VSAC value set (OID below {@link #VSAC}) or a project value set (its id). */
    static Rule fact(FactKind kind, String valueSet, Window window) {
        return new Rule.HasFact(kind, id(valueSet), null, null, window, null, null);
    }

    static Rule count(FactKind kind, String valueSet, Window window, int minCount) {
        return new Rule.HasFact(kind, id(valueSet), null, null, window, minCount, null);
    }

    /** A condition (or other span) that overlaps the window. */
    static Rule overlapping(FactKind kind, String valueSet, Window window) {
        return new Rule.HasFact(kind, id(valueSet), null, null, window, null, true);
    }

    static Rule code(FactKind kind, String system, String code, Window window) {
        return new Rule.HasFact(kind, null, system, List.of(code), window, null, null);
    }

    static Rule deceased() {
        return new Rule.Deceased();
    }

    static Window between(LocalDate from, LocalDate to) {
        return Window.between(from, to);
    }

    static Window year(int year) {
        return between(LocalDate.of(year, 1, 1), end(year));
    }

    /** The measurement year and the {@code prior} years before it. */
    static Window years(int year, int prior) {
        return between(LocalDate.of(year - prior, 1, 1), end(year));
    }

    static Window upTo(LocalDate to) {
        return new Window(null, to, null, null, null);
    }

    static Window ages(String fromAge, String toAge) {
        return Window.ages(fromAge == null ? null : Period.parse(fromAge), toAge == null ? null : Period.parse(toAge));
    }

    static LocalDate end(int year) {
        return LocalDate.of(year, 12, 31);
    }

    private static String id(String valueSet) {
        if (valueSet.startsWith("2.16.")) {
            return valueSet;
        }
        return Character.isDigit(valueSet.charAt(0)) ? VSAC + valueSet : valueSet;
    }
}
