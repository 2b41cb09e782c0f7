package org.patientoutreach.segments.segment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who is in a segment: living patients with a fact matching every criterion. Deceased patients are never members:
 * outreach to them harms families.
 */
@Schema(example = """
        {"criteria": [{"kind": "CONDITION", "system": "http://snomed.info/sct", "codes": ["38101003"]}]}""")
public record SegmentDefinition(@NotEmpty @Size(max = 20) List<@Valid @NotNull Criterion> criteria) {

    /** Has a fact of {@code kind} with one of {@code codes} (in {@code system}, if given). */
    public record Criterion(
            @NotNull FactKind kind,
            @Size(max = 200) String system,
            @NotEmpty @Size(max = 5000) List<@NotBlank @Size(max = 64) String> codes) {
    }
}
