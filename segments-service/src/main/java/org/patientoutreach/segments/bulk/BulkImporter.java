package org.patientoutreach.segments.bulk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;
import org.patientoutreach.segments.SegmentsConfig;
import org.patientoutreach.segments.patient.ClinicalFact;
import org.patientoutreach.segments.patient.FhirMapper;
import org.patientoutreach.segments.patient.PatientStore.ResourceKey;
import org.patientoutreach.segments.segment.SegmentEvaluator;

/**
 * Runs bulk imports one at a time, as a two-stage pipeline: this job thread reads and parses NDJSON lines with
 * HAPI while the writer thread COPYs the previous batch, so parsing and the database overlap on two cores. A line
 * that is not a valid resource is counted and sampled (file and line, never content) and the import goes on.
 */
@ApplicationScoped
public class BulkImporter {

    private static final Logger LOG = Logger.getLogger(BulkImporter.class);
    private static final int ERROR_SAMPLE = 20;
    static final Duration STALE = Duration.ofMinutes(10);
    /** Types whose codings segments use; anything else (Claim, ExplanationOfBenefit, Provenance...) is skipped. */
    private static final Set<String> USED = Set.of("Patient", "Condition", "Observation", "Procedure", "Immunization",
            "Encounter", "MedicationRequest", "MedicationDispense", "Coverage");

    private final FhirContext fhir;
    private final CopyWriter writer;
    private final SegmentEvaluator evaluator;
    private final int batchSize;
    /** Jobs this instance accepted and has not finished. */
    private final Set<UUID> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "bulk-import"));
    private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> new Thread(r, "bulk-import-writer"));

    @Inject
    public BulkImporter(FhirContext fhir, CopyWriter writer, SegmentEvaluator evaluator, SegmentsConfig config) {
        this.fhir = fhir;
        this.writer = writer;
        this.evaluator = evaluator;
        this.batchSize = config.bulkImport().batchSize();
    }

    /**
     * A job whose instance stopped cannot resume mid-file (imports are idempotent: re-submit it). Every replica runs
     * its own jobs and refreshes their {@code updated_at} after each batch and each minute, so only jobs silent for
     * {@link #STALE} are declared failed; a replica starting up does not fail the imports of its peers.
     */
    @Scheduled(every = "1m", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!mine.isEmpty()) {
                BulkImport.update("updatedAt = ?1 where id in ?2", now, List.copyOf(mine));
            }
            BulkImport.update("status = ?1, finishedAt = ?2, updatedAt = ?2 where status in ?3 and updatedAt < ?4",
                    BulkImport.Status.FAILED, now, List.of(BulkImport.Status.QUEUED, BulkImport.Status.RUNNING),
                    now.minus(STALE));
        });
    }

    @PreDestroy
    void stop() {
        jobs.shutdownNow();
        writes.shutdownNow();
    }

    public void submit(UUID jobId, List<Path> files) {
        mine.add(jobId);
        jobs.execute(() -> {
            try {
                run(jobId, files);
            } finally {
                mine.remove(jobId);
            }
        });
    }

    private void run(UUID jobId, List<Path> files) {
        Progress progress = new Progress();
        update(jobId, job -> {
            job.status = BulkImport.Status.RUNNING;
            job.startedAt = Instant.now();
        });
        try {
            IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            Future<?> pending = null;
            CopyWriter.Batch batch = new CopyWriter.Batch();
            for (Path file : files) {
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    long number = 0;
                    while ((line = lines.readLine()) != null) {
                        number++;
                        if (line.isBlank()) {
                            continue;
                        }
                        progress.read++;
                        read(parser, line, batch, progress, file.getFileName() + ":" + number);
                        if (batch.size() >= batchSize) {
                            pending = flush(jobId, pending, batch, progress);
                            batch = new CopyWriter.Batch();
                        }
                    }
                }
            }
            pending = flush(jobId, pending, batch, progress);
            await(pending);
            update(jobId, job -> {
                progress.copyTo(job);
                job.status = BulkImport.Status.COMPLETED;
                job.finishedAt = Instant.now();
            });
            LOG.infof("bulk import %s completed: %d resources read, %d stored, %d errors", jobId, progress.read,
                    progress.stored, progress.errors);
            evaluator.evaluateLive("BULK_IMPORT");
        } catch (IOException | RuntimeException e) {
            LOG.errorf("bulk import %s failed: %s", jobId, e.getClass().getSimpleName());
            update(jobId, job -> {
                progress.copyTo(job);
                job.status = BulkImport.Status.FAILED;
                job.finishedAt = Instant.now();
            });
        }
    }

    private void read(IParser parser, String line, CopyWriter.Batch batch, Progress progress, String where) {
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(line);
        } catch (DataFormatException | ClassCastException e) {
            progress.error(where + ": not a valid FHIR R4 resource");
            return;
        }
        if (!USED.contains(resource.fhirType())) {
            progress.skipped++;
            return;
        }
        String id = FhirMapper.idOf(resource, null);
        if (id == null) {
            progress.error(where + ": " + resource.fhirType() + " without an id");
            return;
        }
        if (resource instanceof Patient patient) {
            batch.patients().put(id, FhirMapper.patient(patient, id));
        } else {
            List<ClinicalFact> facts = FhirMapper.facts(resource, id);
            batch.resources().put(new ResourceKey(resource.fhirType(), id), facts);
        }
    }

    /** Hands a batch to the writer once the previous one is written: at most one batch in flight, one being read. */
    private Future<?> flush(UUID jobId, Future<?> previous, CopyWriter.Batch batch, Progress progress) {
        await(previous);
        if (batch.size() == 0) {
            return null;
        }
        return writes.submit(() -> {
            writer.write(batch);
            synchronized (progress) {
                progress.stored += batch.size();
                progress.patients += batch.patients().size();
                progress.facts += batch.facts();
            }
            update(jobId, progress::copyTo);
        });
    }

    private static void await(Future<?> future) {
        if (future == null) {
            return;
        }
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bulk import interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bulk import batch failed", e.getCause());
        }
    }

    private static void update(UUID jobId, java.util.function.Consumer<BulkImport> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            BulkImport job = BulkImport.findById(jobId);
            change.accept(job);
            job.updatedAt = Instant.now();
        });
    }

    /** Counters of one job; read by the writer thread too. */
    private static final class Progress {
        long read;
        long stored;
        long patients;
        long facts;
        long skipped;
        long errors;
        final List<String> sample = new ArrayList<>();

        synchronized void error(String what) {
            errors++;
            if (sample.size() < ERROR_SAMPLE) {
                sample.add(what);
            }
        }

        synchronized void copyTo(BulkImport job) {
            job.resourcesRead = read;
            job.resourcesStored = stored;
            job.patientsStored = patients;
            job.factsStored = facts;
            job.resourcesSkipped = skipped;
            job.errors = errors;
            job.errorSample = sample.toArray(String[]::new);
        }
    }
}
