package org.patientoutreach.segments.segment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.patientoutreach.segments.measure.MeasureLibrary;
import org.patientoutreach.segments.rule.Rule;
import org.patientoutreach.segments.rule.RuleResolver;
import org.patientoutreach.segments.valueset.ValueSetStore;

/** Resolves rule references against this service's value sets, segments and measure library. */
@ApplicationScoped
public class SegmentRuleResolver implements RuleResolver {

    private final ValueSetStore valueSets;
    private final MeasureLibrary measures;

    @Inject
    public SegmentRuleResolver(ValueSetStore valueSets, MeasureLibrary measures) {
        this.valueSets = valueSets;
        this.measures = measures;
    }

    @Override
    public Optional<java.util.Map<String, String[]>> valueSet(String reference) {
        return valueSets.resolve(reference).map(valueSets::codesBySystem);
    }

    @Override
    public boolean segmentExists(UUID segmentId) {
        return Segment.findById(segmentId) != null;
    }

    @Override
    public Optional<Rule> measure(String measureId, int year, Rule.Population population) {
        return measures.find(measureId).map(m -> m.population(year, population));
    }
}
