package org.patientoutreach.segments.rule;

import java.util.Optional;
import java.util.UUID;

/** What compiling a rule needs to look up: stored value sets, other segments, prebuilt measures. */
public interface RuleResolver {

    /** The stored id of a value set referenced by id, OID or url. */
    Optional<String> valueSet(String reference);

    boolean segmentExists(UUID segmentId);

    /** The rule of one population of a measure for a measurement year. */
    Optional<Rule> measure(String measureId, int year, Rule.Population population);
}
