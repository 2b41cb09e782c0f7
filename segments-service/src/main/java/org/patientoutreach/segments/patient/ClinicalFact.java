package org.patientoutreach.segments.patient;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One coding of one clinical resource: the unit that segment rules match on. {@code endedAt} is when the fact stopped
 * being true (a condition's abatement, an encounter's or coverage's end); {@code category} is an encounter's class or
 * an observation's category.
 */
public record ClinicalFact(String resourceType, String resourceId, int ordinal, String patientId, String system,
        String code, String status, Instant effectiveAt, Instant endedAt, String category, BigDecimal valueNum,
        String valueUnit) {
}
