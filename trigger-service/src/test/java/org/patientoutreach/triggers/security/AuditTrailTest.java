package org.patientoutreach.triggers.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.patientoutreach.triggers.TriggerApi.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;
import org.patientoutreach.triggers.TriggerApi;

@QuarkusTest
class AuditTrailTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    /** A request from a user of this role whose subject no other test uses. */
    private static RequestSpecification signedIn(String subject, String role) {
        return given().auth().oauth2(DevTokens.issue(subject, Duration.ofMinutes(5), role));
    }

    private static String subject(String who) {
        return "triggers-" + who + "-" + UUID.randomUUID();
    }

    /** What the audit log holds for one subject, newest first, as an admin reads it. */
    private static ValidatableResponse auditOf(String subject) {
        return as(Roles.ADMIN).queryParam("subject", subject).when().get("/api/audit").then().statusCode(200);
    }

    private static int firings(String triggerId) {
        return as(Roles.MARKETER).when().get("/api/triggers/{id}/firings", triggerId)
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void creating_and_deactivating_a_trigger_are_on_record_with_the_token_subject() {
        String subject = subject("marketer");
        String id = signedIn(subject, Roles.MARKETER).contentType(ContentType.JSON)
                .body(Map.of("name", "audited", "interactionType", "DISCHARGED"))
                .when().post("/api/triggers").then().statusCode(201).extract().path("id");
        signedIn(subject, Roles.MARKETER).when().post("/api/triggers/{id}/deactivate", id).then().statusCode(200);

        auditOf(subject).body("total", equalTo(2))
                .body("items[0].method", equalTo("POST"))
                .body("items[0].path", equalTo("/api/triggers/" + id + "/deactivate"))
                .body("items[0].resourceType", equalTo("triggers"))
                .body("items[0].resourceId", equalTo(id))
                .body("items[0].status", equalTo(200))
                .body("items[1].path", equalTo("/api/triggers"))
                .body("items[1].resourceId", equalTo(id)) // a create's id comes from its Location
                .body("items[1].status", equalTo(201))
                .body("items[1].roles", equalTo(Roles.MARKETER));
    }

    @Test
    void reading_firings_is_on_record_and_reading_the_definition_is_not() {
        String department = "Department " + UUID.randomUUID();
        String triggerId = TriggerApi.create("CHECKED_IN", department, null);
        String patientId = "patient-" + UUID.randomUUID();
        kafka.send("ehr.patient-interactions", patientId, PatientInteraction.newBuilder()
                .setInteractionId(UUID.randomUUID().toString()).setPatientId(patientId)
                .setType(InteractionType.CHECKED_IN).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setDepartment(department).build());
        await().atMost(TIMEOUT).until(() -> firings(triggerId) == 1);

        String subject = subject("reader");
        signedIn(subject, Roles.MARKETER).when().get("/api/triggers/{id}", triggerId).then().statusCode(200);
        signedIn(subject, Roles.MARKETER).when().get("/api/triggers/{id}/firings", triggerId)
                .then().statusCode(200).body("items[0].patientId", equalTo(patientId));

        auditOf(subject).body("total", equalTo(1))
                .body("items[0].action", equalTo("READ"))
                .body("items[0].path", equalTo("/api/triggers/" + triggerId + "/firings"))
                .body("items[0].resourceId", equalTo(triggerId))
                .body("items[0].status", equalTo(200));
    }

    @Test
    void an_analysts_refused_change_and_refused_firings_read_are_on_record() {
        String triggerId = TriggerApi.create("ADMITTED", null, null);
        String subject = subject("analyst");
        signedIn(subject, Roles.ANALYST).when().post("/api/triggers/{id}/deactivate", triggerId)
                .then().statusCode(403).contentType("application/problem+json");
        signedIn(subject, Roles.ANALYST).when().get("/api/triggers/{id}/firings", triggerId)
                .then().statusCode(403).contentType("application/problem+json");

        // a refusal may be recorded off the request thread
        await().atMost(Duration.ofSeconds(5)).until(() -> auditOf(subject).extract().<Integer>path("total") == 2);
        auditOf(subject)
                .body("items.status", equalTo(List.of(403, 403)))
                .body("items.action", containsInAnyOrder("CREATE_OR_ACTION", "READ"))
                .body("items.roles", equalTo(List.of(Roles.ANALYST, Roles.ANALYST)))
                .body("items.path", containsInAnyOrder("/api/triggers/" + triggerId + "/deactivate",
                        "/api/triggers/" + triggerId + "/firings"));
        // the trigger was not deactivated
        as(Roles.ANALYST).when().get("/api/triggers/{id}", triggerId).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void only_admins_read_the_audit_log() {
        as(Roles.MARKETER).when().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
        as(Roles.ANALYST).when().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
    }
}
