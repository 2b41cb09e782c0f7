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
import java.util.ArrayDeque;
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
import org.patientoutreach.segments.patient.PatientRecord;
import org.patientoutreach.segments.patient.PatientStore.ResourceKey;
import org.patientoutreach.segments.segment.SegmentEvaluator;

/**
 * Runs bulk imports one at a time, as a pipeline: the job thread reads NDJSON lines in chunks, two parser threads
 * turn them into rows with HAPI, and the writer thread COPYs the previous batch meanwhile. A line that is not a
 * valid resource is counted and sampled (file and line, never content) and the import goes on.
 */
@ApplicationScoped
public class BulkImporter {

    private static final Logger LOG = Logger.getLogger(BulkImporter.class);
    private static final int ERROR_SAMPLE = 20;
    private static final int PARSE_CHUNK = 500;
    /** Parsed chunks waiting to be applied: bounds memory while the parsers stay busy. */
    private static final int IN_FLIGHT = 4;
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
    /** Two parser threads: on two cores HAPI parsing, not the COPY, is what bounds an import. */
    private final ExecutorService parsers = Executors.newFixedThreadPool(2, r -> new Thread(r, "bulk-import-parser"));

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
        parsers.shutdownNow();
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
            Pipeline pipeline = new Pipeline(jobId, progress);
            for (Path file : files) {
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    List<String[]> chunk = new ArrayList<>(PARSE_CHUNK);
                    String line;
                    long number = 0;
                    while ((line = lines.readLine()) != null) {
                        number++;
                        if (line.isBlank()) {
                            continue;
                        }
                        chunk.add(new String[] { line, file.getFileName() + ":" + number });
                        if (chunk.size() == PARSE_CHUNK) {
                            pipeline.parse(chunk);
                            chunk = new ArrayList<>(PARSE_CHUNK);
                        }
                    }
                    pipeline.parse(chunk);
                }
            }
            pipeline.finish();
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

    /** One NDJSON line's outcome: a patient, a resource's facts, a skipped type or an error (location only). */
    private record Parsed(PatientRecord patient, ResourceKey key, List<ClinicalFact> facts, boolean skipped,
            String error) {
    }

    /** Runs on a parser thread; HAPI parsers are not thread-safe, so each chunk gets its own. */
    private List<Parsed> parse(List<String[]> lines) {
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        List<Parsed> out = new ArrayList<>(lines.size());
        for (String[] line : lines) {
            out.add(parse(parser, line[0], line[1]));
        }
        return out;
    }

    private static Parsed parse(IParser parser, String line, String where) {
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(line);
        } catch (DataFormatException | ClassCastException e) {
            return new Parsed(null, null, null, false, where + ": not a valid FHIR R4 resource");
        }
        if (!USED.contains(resource.fhirType())) {
            return new Parsed(null, null, null, true, null);
        }
        String id = FhirMapper.idOf(resource, null);
        if (id == null) {
            return new Parsed(null, null, null, false, where + ": " + resource.fhirType() + " without an id");
        }
        if (resource instanceof Patient patient) {
            return new Parsed(FhirMapper.patient(patient, id), null, null, false, null);
        }
        return new Parsed(null, new ResourceKey(resource.fhirType(), id), FhirMapper.facts(resource, id), false, null);
    }

    private static void apply(Parsed parsed, CopyWriter.Batch batch, Progress progress) {
        progress.read++;
        if (parsed.error() != null) {
            progress.error(parsed.error());
        } else if (parsed.skipped()) {
            progress.skipped++;
        } else if (parsed.patient() != null) {
            batch.patients().put(parsed.patient().id(), parsed.patient());
        } else {
            batch.resources().put(parsed.key(), parsed.facts());
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

    private static <T> T await(Future<T> future) {
        if (future == null) {
            return null;
        }
        try {
            return future.get();
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

    /**
     * Chunks of lines are parsed on the parser threads while the job thread reads ahead; parsed chunks are applied in
     * file order (so the last version of a resource still wins) and full batches go to the writer.
     */
    private final class Pipeline {
        private final UUID jobId;
        private final Progress progress;
        private final ArrayDeque<Future<List<Parsed>>> parsing = new ArrayDeque<>();
        private CopyWriter.Batch batch = new CopyWriter.Batch();
        private Future<?> writing;

        Pipeline(UUID jobId, Progress progress) {
            this.jobId = jobId;
            this.progress = progress;
        }

        void parse(List<String[]> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            parsing.add(parsers.submit(() -> BulkImporter.this.parse(chunk)));
            while (parsing.size() > IN_FLIGHT) {
                applyOldest();
            }
        }

        void finish() {
            while (!parsing.isEmpty()) {
                applyOldest();
            }
            writing = flush(jobId, writing, batch, progress);
            await(writing);
        }

        private void applyOldest() {
            for (Parsed parsed : await(parsing.poll())) {
                apply(parsed, batch, progress);
            }
            if (batch.size() >= batchSize) {
                writing = flush(jobId, writing, batch, progress);
                batch = new CopyWriter.Batch();
            }
        }
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
