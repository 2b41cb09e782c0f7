package org.patientoutreach.segments.bulk;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

/** Synthea's output loads as is: every line stored, none refused, and the measures find its patients. */
@QuarkusTest
class SyntheaSampleTest {

    private static final String ADMIN = DevTokens.forRole("outreach-admin");
    private static final Pattern PATIENT_ID = Pattern.compile("^\\{\"resourceType\":\"Patient\",\"id\":\"([^\"]+)\"");

    @Test
    void a_synthea_population_loads_unchanged_and_lands_in_measure_populations() throws Exception {
        Path file = Files.createDirectories(Path.of("target/imports")).resolve("synthea-" + UUID.randomUUID() + ".ndjson");
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(
                "/synthea/synthea-3.3.0-seed4242-10-patients.ndjson.gz"))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> lines = Files.readAllLines(file);
        List<String> patients = lines.stream().map(PATIENT_ID::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        assertEquals(10, patients.size());

        String location = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"input\":[{\"type\":\"Patient\",\"url\":\"" + file.toRealPath().toUri() + "\"}]}")
                .when().post("/api/fhir/bulk-imports").then().statusCode(202).extract().header("Location");
        JsonPath job;
        do {
            Thread.sleep(200);
            job = given().auth().oauth2(ADMIN).when().get(location).then().statusCode(200).extract().jsonPath();
        } while (job.getString("status").equals("QUEUED") || job.getString("status").equals("RUNNING"));

        assertEquals("COMPLETED", job.getString("status"));
        assertEquals(lines.size(), job.getLong("resourcesRead"));
        assertEquals(lines.size(), job.getLong("resourcesStored"), "every line of Synthea's output is a used resource");
        assertEquals(0, job.getLong("errors"));
        assertEquals(10, job.getLong("patientsStored"));

        // Adults vaccinated against flu between July 2023 and June 2024, as Synthea writes CVX 140 every autumn.
        List<String> fluEligible = sample("{\"type\":\"careGap\",\"measure\":\"AIS-E\",\"period\":2024,\"population\":\"ELIGIBLE\"}");
        List<String> fluMet = sample("{\"type\":\"careGap\",\"measure\":\"AIS-E\",\"period\":2024,\"population\":\"NUMERATOR\"}");
        assertTrue(patients.stream().anyMatch(fluEligible::contains), "some Synthea adults are eligible for AIS-E");
        assertTrue(patients.stream().anyMatch(fluMet::contains), "some Synthea adults got their flu shot");
        List<String> anyGap = sample("""
                {"type":"or","rules":[{"type":"careGap","measure":"COL-E","period":2024},
                  {"type":"careGap","measure":"BCS-E","period":2024},{"type":"careGap","measure":"WCV","period":2024},
                  {"type":"careGap","measure":"CBP","period":2024},{"type":"careGap","measure":"AIS-E","period":2024}]}""");
        assertFalse(patients.stream().noneMatch(anyGap::contains), "Synthea patients have care gaps");
    }

    /** Members among Massachusetts postal codes (0xxxx): Synthea's patients, not other tests' cohorts. */
    private static List<String> sample(String rule) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"rule\":{\"type\":\"and\",\"rules\":[{\"type\":\"postalCode\",\"prefixes\":[\"0\"]}," + rule + "]}}")
                .when().post("/api/segments/preview?sample=100").then().statusCode(200).extract().path("sample");
    }
}
