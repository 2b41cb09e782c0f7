package org.patientoutreach.segments.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

@QuarkusTest
class AuditTrailTest {

    @Inject
    AgroalDataSource dataSource;

    private static String createSegmentAs(String subject) {
        return given().auth().oauth2(DevTokens.issue(subject, java.time.Duration.ofMinutes(5), "marketer"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"audited\",\"definition\":{\"rule\":{\"type\":\"hasFact\",\"kind\":\"CONDITION\",\"system\":\"http://snomed.info/sct\",\"codes\":[\"1\"]}}}")
                .when().post("/api/segments").then().statusCode(201).extract().path("id");
    }

    @Test
    void a_change_is_on_record_with_the_token_subject_and_the_new_resource_id() {
        String subject = "audit-writer-" + System.nanoTime();
        String id = createSegmentAs(subject);
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].resourceType", equalTo("segments")).body("items[0].resourceId", equalTo(id))
                .body("items[0].method", equalTo("POST")).body("items[0].status", equalTo(201))
                .body("items[0].roles", equalTo("marketer"));
    }

    @Test
    void a_read_of_patient_level_data_is_on_record_and_an_ordinary_read_is_not() {
        String id = createSegmentAs("audit-setup");
        String subject = "audit-reader-" + System.nanoTime();
        String token = DevTokens.issue(subject, java.time.Duration.ofMinutes(5), "marketer");
        given().auth().oauth2(token).when().get("/api/segments/{id}", id).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/segments/{id}/members", id).then().statusCode(200);
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("total", equalTo(1))
                .body("items.action", hasItem("READ"))
                .body("items[0].path", equalTo("/api/segments/" + id + "/members"));
    }

    @Test
    void a_refused_change_is_on_record_too() {
        String subject = "audit-analyst-" + System.nanoTime();
        given().auth().oauth2(DevTokens.issue(subject, java.time.Duration.ofMinutes(5), "analyst"))
                .contentType(ContentType.JSON).body("{}")
                .when().post("/api/segments").then().statusCode(403);
        // A refusal may be recorded off the request thread: wait for it rather than read once.
        long deadline = System.currentTimeMillis() + 5000;
        int recorded = 0;
        while (recorded == 0 && System.currentTimeMillis() < deadline) {
            recorded = given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                    .when().get("/api/audit?subject={s}", subject).then().statusCode(200).extract().path("total");
        }
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("items[0].status", equalTo(403)).body("items[0].roles", equalTo("analyst"));
    }

    @Test
    void only_admins_read_the_audit_log() {
        given().auth().oauth2(DevTokens.forRole("marketer")).when().get("/api/audit")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void the_audit_log_cannot_be_rewritten() {
        createSegmentAs("audit-immutable");
        assertThrows(SQLException.class, () -> {
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_log SET subject = 'someone-else'");
            }
        });
        assertThrows(SQLException.class, () -> {
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM audit_log");
            }
        });
    }
}
