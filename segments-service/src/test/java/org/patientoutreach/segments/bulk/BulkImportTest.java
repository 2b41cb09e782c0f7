package org.patientoutreach.segments.bulk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

@QuarkusTest
class BulkImportTest {

    private static final String INTEGRATION = DevTokens.forRole("integration");
    private static final String MARKETER = DevTokens.forRole("marketer");

    private static String ndjson(String patient, String condition) {
        return String.join("\n",
                "{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\",\"gender\":\"female\",\"birthDate\":\"1961-02-03\","
                        + "\"name\":[{\"given\":[\"Secret\"],\"family\":\"Name\"}]}",
                "{\"resourceType\":\"Condition\",\"id\":\"" + condition + "\",\"subject\":{\"reference\":\"Patient/" + patient
                        + "\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\"}]},"
                        + "\"onsetDateTime\":\"2015-01-01\"}",
                "{\"resourceType\":\"Patient\",\"name\":\"Leaked Name\"",
                "",
                "{\"resourceType\":\"Claim\",\"id\":\"c-" + condition + "\",\"status\":\"active\"}",
                "{\"resourceType\":\"Observation\",\"id\":\"o-" + condition + "\",\"status\":\"final\",\"subject\":{\"reference\":"
                        + "\"Patient/" + patient + "\"},\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},"
                        + "\"effectiveDateTime\":\"2025-03-01\",\"valueQuantity\":{\"value\":9.4,\"unit\":\"%\"}}");
    }

    private static JsonPath awaitFinished(String location) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonPath job = given().auth().oauth2(INTEGRATION).when().get(location).then().statusCode(200).extract().jsonPath();
            if (!job.getString("status").equals("QUEUED") && !job.getString("status").equals("RUNNING")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("bulk import did not finish");
    }

    @Test
    void an_ndjson_upload_is_stored_counts_a_broken_line_without_quoting_it_and_skips_unused_types() throws Exception {
        String patient = UUID.randomUUID().toString();
        String condition = UUID.randomUUID().toString();
        String location = given().auth().oauth2(INTEGRATION).contentType("application/fhir+ndjson")
                .body(ndjson(patient, condition).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/fhir/bulk-imports")
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().header("Location");

        JsonPath job = awaitFinished(location);
        assertEquals("COMPLETED", job.getString("status"));
        assertEquals(5, job.getLong("resourcesRead"));
        assertEquals(3, job.getLong("resourcesStored"));
        assertEquals(1, job.getLong("patientsStored"));
        assertEquals(1, job.getLong("resourcesSkipped"));
        assertEquals(1, job.getLong("errors"));
        given().auth().oauth2(INTEGRATION).when().get(location).then()
                .body("errorSample", hasSize(1))
                .body("errorSample[0]", startsWith("upload-"))
                .body("errorSample[0]", org.hamcrest.Matchers.endsWith(":3: not a valid FHIR R4 resource"))
                .body(not(org.hamcrest.Matchers.containsString("Leaked")));

        given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"rule":{"type":"and","rules":[{"type":"hasFact","kind":"CONDITION","valueSet":"2.16.840.1.113883.3.464.1003.103.12.1001"},
                  {"type":"latestValue","system":"http://loinc.org","codes":["4548-4"],"comparator":"GT","value":9.3}]}}""")
                .when().post("/api/segments/preview?sample=100")
                .then().statusCode(200).body("sample", hasItem(patient));
    }

    @Test
    void importing_the_same_file_twice_changes_nothing() throws Exception {
        String patient = UUID.randomUUID().toString();
        String condition = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            String location = given().auth().oauth2(INTEGRATION).contentType("application/fhir+ndjson")
                    .body(ndjson(patient, condition).getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/fhir/bulk-imports")
                    .then().statusCode(202).extract().header("Location");
            assertEquals("COMPLETED", awaitFinished(location).getString("status"));
        }
        given().auth().oauth2(DevTokens.forRole("outreach-admin")).when().get("/api/patients/{id}/facts", patient)
                .then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void a_manifest_may_only_name_files_inside_the_import_directory() throws Exception {
        Path outside = Files.createTempFile("outside", ".ndjson");
        given().auth().oauth2(INTEGRATION).contentType(ContentType.JSON)
                .body("{\"input\":[{\"type\":\"Patient\",\"url\":\"" + outside.toUri() + "\"}]}")
                .when().post("/api/fhir/bulk-imports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("input[0].url"));
        given().auth().oauth2(INTEGRATION).contentType(ContentType.JSON)
                .body("{\"input\":[{\"type\":\"Patient\",\"url\":\"https://example.org/Patient.ndjson\"}]}")
                .when().post("/api/fhir/bulk-imports")
                .then().statusCode(400).body("errors.field", hasItem("input[0].url"));

        Path inside = Files.createDirectories(Path.of("target/imports")).resolve("manifest-" + UUID.randomUUID() + ".ndjson");
        Files.writeString(inside, ndjson(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        String location = given().auth().oauth2(INTEGRATION).contentType(ContentType.JSON)
                .body("{\"inputFormat\":\"application/fhir+ndjson\",\"input\":[{\"type\":\"Patient\",\"url\":\""
                        + inside.toUri() + "\"}]}")
                .when().post("/api/fhir/bulk-imports").then().statusCode(202).extract().header("Location");
        assertEquals("COMPLETED", awaitFinished(location).getString("status"));
    }
}
