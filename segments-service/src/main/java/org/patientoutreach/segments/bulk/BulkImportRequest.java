package org.patientoutreach.segments.bulk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A FHIR Bulk Data import manifest, in the shape of the {@code $import} operation's input list. Only {@code file:}
 * URLs inside the server's configured import directory are accepted.
 */
@Schema(example = """
        {"inputFormat": "application/fhir+ndjson",
         "input": [{"type": "Patient", "url": "file:///srv/outreach/imports/synthea/Patient.ndjson"}]}""")
public record BulkImportRequest(String inputFormat, @NotEmpty @Size(max = 1000) List<@Valid @NotNull Input> input) {

    public record Input(@Size(max = 64) String type, @NotBlank @Size(max = 2000) String url) {
    }
}
