package org.patientoutreach.e2e;

import static org.patientoutreach.e2e.Platform.SEGMENTS;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.patientoutreach.testing.DevTokens;

/**
 * A campaign's synthetic patients through segments-service's bulk NDJSON door (COPY into PostgreSQL, far faster than
 * FHIR bundles at 100k): one Patient with an example.org address and one Condition carrying the run's own code per
 * patient, so a {@code hasFact} rule on that code selects exactly them. The files go into the import directory the
 * service reads ({@code -Dbench.import-dir}, the launcher's {@code .outreach/imports}) and are deleted afterwards.
 */
final class CampaignPopulation {

    static final String SYSTEM = "urn:patientoutreach:bench";

    /** What the import reported, for the setup table. */
    record Imported(int patients, long resources, double seconds) {
    }

    private CampaignPopulation() {
    }

    static String address(String run, int i) {
        return "campaign-" + run + "-" + i + "@example.org";
    }

    /** Writes and imports {@code n} patients and their conditions; waits until the import job completed. */
    static Imported importPatients(String run, int n, Path importDir) throws IOException, InterruptedException {
        Files.createDirectories(importDir);
        Path patients = importDir.resolve("campaign-" + run + "-Patient.ndjson");
        Path conditions = importDir.resolve("campaign-" + run + "-Condition.ndjson");
        try (BufferedWriter p = Files.newBufferedWriter(patients); BufferedWriter c = Files.newBufferedWriter(conditions)) {
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString();
                p.write("""
                        {"resourceType":"Patient","id":"%s","name":[{"given":["Bench"],"family":"Patient"}],\
                        "telecom":[{"system":"email","value":"%s"}],"gender":"unknown","birthDate":"1970-01-01"}
                        """.formatted(id, address(run, i)));
                c.write("""
                        {"resourceType":"Condition","id":"%s","clinicalStatus":{"coding":[{"system":\
                        "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},\
                        "code":{"coding":[{"system":"%s","code":"%s"}]},"subject":{"reference":"Patient/%s"},\
                        "onsetDateTime":"2020-01-01T00:00:00Z"}
                        """.formatted(UUID.randomUUID(), SYSTEM, run, id));
            }
        }
        try {
            long start = System.nanoTime();
            String job = run(patients, conditions);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!job.contains("\"COMPLETED\"")) {
                throw new IllegalStateException("bulk import did not complete: " + job);
            }
            return new Imported(n, 2L * n, seconds);
        } finally {
            Files.deleteIfExists(patients);
            Files.deleteIfExists(conditions);
        }
    }

    /** Starts the import job (manifest naming both files, patients first) and polls it; returns its last state. */
    private static String run(Path patients, Path conditions) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String manifest = """
                {"inputFormat":"application/fhir+ndjson","input":[{"type":"Patient","url":"%s"},\
                {"type":"Condition","url":"%s"}]}""".formatted(patients.toUri(), conditions.toUri());
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(SEGMENTS + "/api/fhir/bulk-imports"))
                .header("Authorization", "Bearer " + DevTokens.forRole("integration"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(manifest)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("bulk import refused: " + started.statusCode() + " " + started.body());
        }
        URI location = URI.create(SEGMENTS).resolve(started.headers().firstValue("Location").orElseThrow());
        while (true) {
            Thread.sleep(500);
            String job = http.send(HttpRequest.newBuilder(location)
                    .header("Authorization", "Bearer " + DevTokens.forRole("integration")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!job.contains("\"QUEUED\"") && !job.contains("\"RUNNING\"")) {
                return job;
            }
        }
    }
}
