package org.patientoutreach.segments.rule;

import java.util.Optional;
import java.util.UUID;

/** What compiling a rule needs to look up: stored value sets, other segments, prebuilt measures. */
public interface RuleResolver {

    /** The codes of a value set referenced by id, OID or url, grouped by code system. */
    Optional<java.util.Map<String, String[]>> valueSet(String reference);

    boolean segmentExists(UUID segmentId);

    /** The rule of one population of a measure for a measurement year. */
    Optional<Rule> measure(String measureId, int year, Rule.Population population);
}
