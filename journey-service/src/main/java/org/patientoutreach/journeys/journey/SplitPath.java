package org.patientoutreach.journeys.journey;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** One way out of a SPLIT node: {@code percent} of instances go to {@code next}. */
public record SplitPath(@Min(0) @Max(100) int percent, @NotBlank String next) {
}
