package org.patientoutreach.segments.measure;

import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A measure's counts for one measurement period, in the spirit of a FHIR MeasureReport (summary). */
public record MeasureReportView(String measure, LocalDate periodStart, LocalDate periodEnd,
        @Schema(description = "Initial population: meets the age, sex and diagnosis criteria") long eligible,
        @Schema(description = "Eligible but excluded (death, hospice, palliative care, measure-specific)") long excluded,
        @Schema(description = "Eligible minus excluded") long denominator,
        @Schema(description = "Denominator members who meet the numerator") long numerator,
        @Schema(description = "Denominator members in the care gap: the prebuilt segment's size") long gap,
        @Schema(description = "numerator / denominator; for an inverse measure lower is better") Double rate,
        boolean inverse, Instant computedAt, long durationMillis) {
}
