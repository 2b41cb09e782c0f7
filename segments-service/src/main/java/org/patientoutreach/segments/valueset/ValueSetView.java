package org.patientoutreach.segments.valueset;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A value set as the API shows it; rules reference it by {@code id} (an OID for VSAC sets) or by {@code url}. */
public record ValueSetView(
        @Schema(description = "Id used in rules, e.g. 2.16.840.1.113883.3.464.1003.108.12.1020") String id,
        String url, String version, String name, String title,
        @Schema(description = "Where the codes come from: public (licence-filtered VSAC expansions), project or uploaded") String source,
        int codeCount, Instant createdAt, Instant updatedAt) {

    static ValueSetView of(ValueSet v) {
        return new ValueSetView(v.id, v.url, v.version, v.name, v.title, v.source, v.codeCount, v.createdAt, v.updatedAt);
    }
}
