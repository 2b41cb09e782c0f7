package org.patientoutreach.emails.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.patientoutreach.emails.TestData.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

@QuarkusTest
class AuditTrailTest {

    private static String tokenOf(String subject, String role) {
        return DevTokens.issue(subject, Duration.ofMinutes(5), role);
    }

    @Test
    void a_change_is_on_record_with_the_token_subject_and_the_new_resource_id() {
        String subject = "audit-writer-" + uniqueId();
        String id = given().auth().oauth2(tokenOf(subject, "marketer")).contentType(ContentType.JSON)
                .body(Map.of("name", "audited", "subject", "Hi", "htmlBody", "<p>Hi</p>"))
                .when().post("/api/emails").then().statusCode(201).extract().path("id");
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].action", equalTo("CREATE_OR_ACTION"))
                .body("items[0].resourceType", equalTo("emails")).body("items[0].resourceId", equalTo(id))
                .body("items[0].status", equalTo(201)).body("items[0].roles", equalTo("marketer"));
    }

    @Test
    void a_read_of_patient_level_data_is_on_record_and_a_template_read_is_not() {
        String subject = "audit-reader-" + uniqueId();
        String token = tokenOf(subject, "marketer");
        given().auth().oauth2(token).when().get("/api/emails").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/sends?patientId={p}", uniqueId()).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/suppressions/{p}", uniqueId()).then().statusCode(404);
        given().auth().oauth2(DevTokens.forRole("outreach-admin"))
                .when().get("/api/audit?subject={s}", subject)
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.action", equalTo(List.of("READ", "READ")))
                .body("items.path", hasItem("/api/sends"))
                .body("items.status", hasItem(404));
    }

    @Test
    void an_analyst_may_read_templates_but_not_who_received_them() {
        String analyst = DevTokens.forRole("analyst");
        given().auth().oauth2(analyst).when().get("/api/emails").then().statusCode(200);
        given().auth().oauth2(analyst).when().get("/api/sends").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(analyst).when().get("/api/suppressions").then().statusCode(403);
    }
}
