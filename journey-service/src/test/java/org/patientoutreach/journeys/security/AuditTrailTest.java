package org.patientoutreach.journeys.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.patientoutreach.journeys.Fixtures.FIRINGS;
import static org.patientoutreach.journeys.Fixtures.as;
import static org.patientoutreach.journeys.Fixtures.create;
import static org.patientoutreach.journeys.Fixtures.createLive;
import static org.patientoutreach.journeys.Fixtures.firing;
import static org.patientoutreach.journeys.Fixtures.instances;
import static org.patientoutreach.journeys.Fixtures.patientId;
import static org.patientoutreach.journeys.Fixtures.publishReferences;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.KafkaTestClient;

@QuarkusTest
class AuditTrailTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();

    /** A request from a user of this role whose subject no other test uses. */
    private static RequestSpecification signedIn(String subject, String role) {
        return given().auth().oauth2(DevTokens.issue(subject, Duration.ofMinutes(5), role));
    }

    private static String subject(String who) {
        return "journeys-" + who + "-" + UUID.randomUUID();
    }

    /** What the audit log holds for one subject, newest first, as an admin reads it. */
    private static ValidatableResponse auditOf(String subject) {
        return as(Roles.ADMIN).queryParam("subject", subject).when().get("/api/audit").then().statusCode(200);
    }

    @Test
    void creating_and_activating_a_journey_are_on_record_with_the_token_subject() {
        String subject = subject("marketer");
        String id = signedIn(subject, Roles.MARKETER).contentType(ContentType.JSON)
                .body(sendAndExit(triggerEntry(UUID.randomUUID()), UUID.randomUUID()))
                .when().post("/api/journeys").then().statusCode(201).extract().path("id");
        publishReferences(UUID.fromString(id));
        signedIn(subject, Roles.MARKETER).when().post("/api/journeys/{id}/activate", id).then().statusCode(200);

        auditOf(subject).body("total", equalTo(2))
                .body("items[0].method", equalTo("POST"))
                .body("items[0].path", equalTo("/api/journeys/" + id + "/activate"))
                .body("items[0].resourceType", equalTo("journeys"))
                .body("items[0].resourceId", equalTo(id))
                .body("items[0].status", equalTo(200))
                .body("items[1].path", equalTo("/api/journeys"))
                .body("items[1].resourceId", equalTo(id)) // a create's id comes from its Location
                .body("items[1].status", equalTo(201))
                .body("items[1].roles", equalTo(Roles.MARKETER));
    }

    @Test
    void reading_instances_is_on_record_and_reading_the_definition_or_stats_is_not() {
        UUID triggerId = UUID.randomUUID();
        String patientId = patientId();
        UUID journeyId = createLive(sendAndExit(triggerEntry(triggerId), UUID.randomUUID()));
        kafka.send(FIRINGS, patientId, firing(triggerId, patientId, Map.of()));
        await().atMost(TIMEOUT).until(() -> instances(journeyId, patientId).size() == 1);

        String subject = subject("reader");
        signedIn(subject, Roles.MARKETER).when().get("/api/journeys/{id}", journeyId).then().statusCode(200);
        signedIn(subject, Roles.MARKETER).when().get("/api/journeys/{id}/stats", journeyId).then().statusCode(200);
        signedIn(subject, Roles.MARKETER).when().get("/api/journeys/{id}/instances", journeyId)
                .then().statusCode(200).body("items[0].patientId", equalTo(patientId));

        auditOf(subject).body("total", equalTo(1))
                .body("items[0].action", equalTo("READ"))
                .body("items[0].path", equalTo("/api/journeys/" + journeyId + "/instances"))
                .body("items[0].resourceId", equalTo(journeyId.toString()))
                .body("items[0].status", equalTo(200));
    }

    @Test
    void an_analysts_refused_change_and_refused_instance_read_are_on_record() {
        UUID journeyId = create(sendAndExit(triggerEntry(UUID.randomUUID()), UUID.randomUUID()));
        String subject = subject("analyst");
        signedIn(subject, Roles.ANALYST).when().post("/api/journeys/{id}/activate", journeyId)
                .then().statusCode(403).contentType("application/problem+json");
        signedIn(subject, Roles.ANALYST).when().get("/api/journeys/{id}/instances", journeyId)
                .then().statusCode(403).contentType("application/problem+json");

        // a refusal may be recorded off the request thread
        await().atMost(Duration.ofSeconds(5)).until(() -> auditOf(subject).extract().<Integer>path("total") == 2);
        auditOf(subject)
                .body("items.status", equalTo(List.of(403, 403)))
                .body("items.action", containsInAnyOrder("CREATE_OR_ACTION", "READ"))
                .body("items.roles", equalTo(List.of(Roles.ANALYST, Roles.ANALYST)))
                .body("items.path", containsInAnyOrder("/api/journeys/" + journeyId + "/activate",
                        "/api/journeys/" + journeyId + "/instances"));
        // the journey did not go live
        as(Roles.MARKETER).when().get("/api/journeys/{id}", journeyId).then().statusCode(200)
                .body("status", equalTo("DRAFT"));
    }

    @Test
    void only_admins_read_the_audit_log() {
        as(Roles.MARKETER).when().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
        as(Roles.ANALYST).when().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
    }
}
