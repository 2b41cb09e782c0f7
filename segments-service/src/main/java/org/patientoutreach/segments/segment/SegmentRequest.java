package org.patientoutreach.segments.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Create or edit a segment. {@code version} is required on edit: a stale one is refused with 409. */
public record SegmentRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull @Valid SegmentDefinition definition,
        Long version) {
}
