package org.patientoutreach.segments.segment;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.segments.rule.Rule;

/**
 * Who is in a segment: living patients for whom the rule tree holds. Deceased patients are never members: outreach
 * to them harms families.
 */
@Schema(example = """
        {"rule": {"type": "and", "rules": [
          {"type": "age", "min": 18, "max": 75},
          {"type": "hasFact", "kind": "CONDITION", "valueSet": "2.16.840.1.113883.3.464.1003.103.12.1001"},
          {"type": "latestValue", "valueSet": "2.16.840.1.113883.3.464.1003.198.12.1013",
           "window": {"lookback": "P1Y"}, "comparator": "GT", "value": 9, "orMissing": true}]}}""")
public record SegmentDefinition(@NotNull Rule rule) {
}
