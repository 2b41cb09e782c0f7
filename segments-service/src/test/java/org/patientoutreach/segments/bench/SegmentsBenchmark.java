package org.patientoutreach.segments.bench;

import static io.restassured.RestAssured.given;

import ca.uhn.fhir.context.FhirContext;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.schemas.FhirResourceChanged;
import org.patientoutreach.schemas.MembershipChange;
import org.patientoutreach.schemas.ResourceOperation;
import org.patientoutreach.schemas.SegmentMembershipChanged;
import org.patientoutreach.segments.measure.MeasureReportView;
import org.patientoutreach.segments.measure.MeasureReports;
import org.patientoutreach.testing.BenchResults;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;

/**
 * Prints numbers, asserts nothing about speed. Run it explicitly:
 * {@code ./mvnw -pl segments-service test -Dtest=SegmentsBenchmark -Dbench.sizes=10000,100000,1000000}.
 * For each population size: create the population, scan every fact once (the baseline: the cost floor of reading
 * the data), count all ten measures, take all ten care-gap segments live (membership rows and ENTERED events
 * written), wait until the outbox relay has put every ENTERED event on Kafka, then time a new fact on
 * ehr.fhir-resources to its ENTERED event against a raw Kafka round trip.
 * Separately, bulk NDJSON import throughput against HAPI parsing alone.
 */
@QuarkusTest
class SegmentsBenchmark {

    private static final String ADMIN = DevTokens.forRole("outreach-admin");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeasureReports reports;
    @Inject
    FhirContext fhir;

    @Test
    void benchmark() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        List<String> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(population(n));
        }
        String importRow = bulkImport(Integer.getInteger("bench.import-patients", 2000));
        String header = "| patients | facts | load s | scan all facts s (baseline) | 10 measure reports s | ratio to scan"
                + " | 10 care-gap segments live s | members | all ENTERED events on Kafka s | fact->ENTERED p50 / p99 ms"
                + " | Kafka round trip p50 ms (baseline) |";
        String importHeader = "| NDJSON resources | import s | resources/s | HAPI parse only resources/s (baseline) | ratio |";
        System.out.println("\n=== segments-service benchmark ===");
        System.out.println(header);
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println(importHeader);
        System.out.println("|---:|---:|---:|---:|---:|");
        System.out.println(importRow);
        String params = "bench.sizes=" + System.getProperty("bench.sizes", "10000");
        BenchResults.write(BenchResults.fromMarkdown("segments-service", "populations",
                "Populations: measures and care-gap segments", params,
                "a scan of every fact (ratio to scan); a raw Kafka round trip for fact->ENTERED", header, rows)
                .withCharts(BenchResults.chart("Measure reports and segments live against a scan of every fact",
                        "patients", null, true, "scan all facts s (baseline)", "10 measure reports s",
                        "10 care-gap segments live s")));
        BenchResults.write(BenchResults.fromMarkdown("segments-service", "bulk-import", "Bulk NDJSON import",
                "bench.import-patients=" + Integer.getInteger("bench.import-patients", 2000),
                "HAPI parsing the same file alone (ratio)", importHeader, List.of(importRow))
                .withCharts(BenchResults.chart("Bulk NDJSON import against HAPI parsing alone", "NDJSON resources",
                        null, false, "resources/s", "HAPI parse only resources/s (baseline)")));
    }

    private String population(int n) throws Exception {
        long t0 = System.nanoTime();
        long facts;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            SyntheticPopulation.create(c, n);
            facts = count(c, "SELECT count(*) FROM clinical_fact");
        }
        double load = seconds(t0);
        double scan;
        try (Connection c = dataSource.getConnection()) {
            long s0 = System.nanoTime();
            count(c, "SELECT count(DISTINCT patient_id) FROM clinical_fact");
            scan = seconds(s0);
        }
        long r0 = System.nanoTime();
        List<MeasureReportView> measured = reports.reportAll(2025);
        double reportSeconds = seconds(r0);
        for (MeasureReportView r : measured) {
            System.out.printf("  %-6s eligible %8d excluded %7d numerator %8d gap %8d rate %s%n", r.measure(), r.eligible(),
                    r.excluded(), r.numerator(), r.gap(), r.rate() == null ? "-" : String.format("%.3f", r.rate()));
        }
        long l0 = System.nanoTime();
        long members = 0;
        for (MeasureReportView r : measured) {
            String id = given().auth().oauth2(ADMIN).when().post("/api/measures/{m}/segments?period=2025", r.measure())
                    .then().statusCode(201).extract().path("id");
            members += given().auth().oauth2(ADMIN).when().post("/api/segments/{id}/activate", id)
                    .then().statusCode(200).extract().<Integer>path("members");
        }
        double live = seconds(l0);
        awaitOutboxDrained();
        double relayed = seconds(l0);
        double[] latency = factToEntered(20);
        String row = String.format("| %,d | %,d | %.1f | %.2f | %.2f | %.1f | %.1f | %,d | %.1f (%,.0f/s) | %.0f / %.0f | %.0f |",
                n, facts, load, scan, reportSeconds, reportSeconds / scan, live, members, relayed, members / relayed,
                latency[0], latency[1], latency[2]);
        System.out.println("segments benchmark row: " + row);
        return row;
    }

    /** Published outbox rows are deleted: an empty outbox means every ENTERED event is on Kafka. */
    private void awaitOutboxDrained() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            while (count(c, "SELECT count(*) FROM outbox_event") > 0) {
                Thread.sleep(100);
            }
        }
    }

    /** p50 and p99 from publishing a Condition to its ENTERED event, and the p50 of a raw Kafka round trip. */
    private double[] factToEntered(int samples) throws Exception {
        String code = "bench-" + UUID.randomUUID();
        String segment = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("""
                {"name":"latency","definition":{"rule":{"type":"hasFact","kind":"CONDITION","system":"http://snomed.info/sct","codes":["%s"]}}}"""
                .formatted(code)).when().post("/api/segments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(ADMIN).when().post("/api/segments/{id}/activate", segment).then().statusCode(200);
        List<String> living = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM patient WHERE NOT deceased ORDER BY id LIMIT " + samples)) {
            while (rs.next()) {
                living.add(rs.getString(1)); // segments never hold deceased patients: their facts enter nothing
            }
        }
        List<Double> latencies = new ArrayList<>();
        List<Double> roundTrips = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient();
                var membership = kafka.subscribe("segments.membership-changed");
                var raw = kafka.subscribe("ehr.fhir-resources.dlq")) {
            for (String patient : living) {
                String condition = UUID.randomUUID().toString();
                String json = """
                        {"resourceType":"Condition","clinicalStatus":{"coding":[{"code":"active"}]},
                         "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},
                         "subject":{"reference":"Patient/%s"},"onsetDateTime":"2025-06-01"}""".formatted(code, patient);
                long s0 = System.nanoTime();
                kafka.send("ehr.fhir-resources", patient, FhirResourceChanged.newBuilder().setResourceType("Condition")
                        .setResourceId(condition).setPatientId(patient).setOperation(ResourceOperation.UPSERT)
                        .setResource(json).build());
                membership.await(r -> r.value() instanceof SegmentMembershipChanged m && m.getPatientId().equals(patient)
                        && m.getSegmentId().equals(segment) && m.getChange() == MembershipChange.ENTERED, Duration.ofSeconds(30));
                latencies.add(millis(s0));
                byte[] marker = UUID.randomUUID().toString().getBytes();
                long k0 = System.nanoTime();
                kafka.sendPoison("ehr.fhir-resources.dlq", "bench", marker);
                raw.await(r -> Arrays.equals((byte[]) r.value(), marker), Duration.ofSeconds(30));
                roundTrips.add(millis(k0));
            }
        }
        return new double[] { percentile(latencies, 50), percentile(latencies, 99), percentile(roundTrips, 50) };
    }

    private String bulkImport(int patients) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/imports"));
        Path file = dir.resolve("bench-" + UUID.randomUUID() + ".ndjson");
        long resources = NdjsonPopulation.write(file, patients);
        long p0 = System.nanoTime();
        var parser = fhir.newJsonParser();
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            String line;
            while ((line = lines.readLine()) != null) {
                parser.parseResource(line);
            }
        }
        double parseRate = resources / seconds(p0);
        long i0 = System.nanoTime();
        String location = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"input\":[{\"type\":\"Patient\",\"url\":\"" + file.toRealPath().toUri() + "\"}]}")
                .when().post("/api/fhir/bulk-imports").then().statusCode(202).extract().header("Location");
        JsonPath job;
        do {
            Thread.sleep(200);
            job = given().auth().oauth2(ADMIN).when().get(location).then().statusCode(200).extract().jsonPath();
        } while (job.getString("status").equals("QUEUED") || job.getString("status").equals("RUNNING"));
        double importSeconds = seconds(i0);
        double rate = resources / importSeconds;
        return String.format("| %,d | %.1f | %,.0f | %,.0f | %.2f |", resources, importSeconds, rate, parseRate,
                rate / parseRate);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
