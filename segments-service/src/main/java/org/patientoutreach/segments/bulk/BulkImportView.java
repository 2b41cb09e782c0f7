package org.patientoutreach.segments.bulk;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A bulk import's progress; poll it until status is COMPLETED or FAILED. */
public record BulkImportView(UUID id, BulkImport.Status status,
        @Schema(description = "Input file names") List<String> inputs,
        long resourcesRead, long resourcesStored, long patientsStored, long factsStored,
        @Schema(description = "Resources of types segments do not use (Claim, ExplanationOfBenefit, ...)") long resourcesSkipped,
        @Schema(description = "Lines that were not valid FHIR R4 resources; nothing else of the import is lost") long errors,
        @Schema(description = "Up to 20 errors as file:line and a reason; never resource content") List<String> errorSample,
        @Schema(description = "Resources read per second so far") Double resourcesPerSecond,
        Instant createdAt, Instant startedAt, Instant finishedAt) {

    static BulkImportView of(BulkImport job) {
        Double rate = null;
        if (job.startedAt != null) {
            Instant end = job.finishedAt == null ? Instant.now() : job.finishedAt;
            long millis = Math.max(1, Duration.between(job.startedAt, end).toMillis());
            rate = Math.round(job.resourcesRead * 1000.0 / millis * 10) / 10.0;
        }
        return new BulkImportView(job.id, job.status, Arrays.stream(job.inputs)
                .map(i -> i.substring(i.lastIndexOf('/') + 1)).toList(), job.resourcesRead, job.resourcesStored,
                job.patientsStored, job.factsStored, job.resourcesSkipped, job.errors, List.of(job.errorSample), rate,
                job.createdAt, job.startedAt, job.finishedAt);
    }
}
