package org.patientoutreach.segments.patient;

import java.math.BigDecimal;
import java.time.Instant;

/** One coding of one clinical resource: the unit that segment criteria match on. */
public record ClinicalFact(String resourceType, String resourceId, int ordinal, String patientId, String system,
        String code, String status, Instant effectiveAt, BigDecimal valueNum, String valueUnit) {
}
