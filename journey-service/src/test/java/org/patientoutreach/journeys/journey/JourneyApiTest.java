package org.patientoutreach.journeys.journey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patientoutreach.journeys.Fixtures.asMarketer;
import static org.patientoutreach.journeys.Fixtures.create;
import static org.patientoutreach.journeys.Fixtures.definition;
import static org.patientoutreach.journeys.Fixtures.publishReferences;
import static org.patientoutreach.journeys.Fixtures.segmentEntry;
import static org.patientoutreach.journeys.Fixtures.sendAndExit;
import static org.patientoutreach.journeys.Fixtures.triggerEntry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JourneyApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createReturnsLocationAndEchoesTheDefinitionAsDraft() {
        UUID segmentId = UUID.randomUUID();
        UUID emailId = UUID.randomUUID();
        Map<String, Object> body = definition(segmentEntry(segmentId), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", emailId.toString(), "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1H", "next", "n3"),
                Map.of("id", "n3", "type", "EXIT")));

        String location = asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("entry.type", equalTo("SEGMENT"))
                .body("entry.segmentId", equalTo(segmentId.toString()))
                .body("reentry", equalTo("NEVER"))
                .body("startNodeId", equalTo("n1"))
                .body("nodes[0].emailId", equalTo(emailId.toString()))
                .body("nodes[1].duration", equalTo("PT1H"))
                .body("nodes[2].type", equalTo("EXIT"))
                .extract().header("Location");

        asMarketer().when().get(location)
                .then().statusCode(200)
                .body("name", equalTo(body.get("name")))
                .body("nodes.size()", equalTo(3))
                .body("nodes[1].next", equalTo("n3"));
    }

    @Test
    void triggerJourneyReentersByDefault() {
        asMarketer().contentType(ContentType.JSON).body(sendAndExit(triggerEntry(UUID.randomUUID()), UUID.randomUUID()))
                .when().post("/api/journeys")
                .then().statusCode(201).body("reentry", equalTo("ALWAYS"));
    }

    @Test
    void nextToAMissingNodeIs400NamingTheField() {
        Map<String, Object> body = definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1H", "next", "nowhere"),
                Map.of("id", "n3", "type", "EXIT")));
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[1].next")));
    }

    @Test
    void loopWithoutAWaitIs400NamingTheEdgeThatClosesIt() {
        Map<String, Object> body = definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "BRANCH_ATTRIBUTE", "attribute", "language", "equals", "fr",
                        "yes", "n1", "no", "n3"),
                Map.of("id", "n3", "type", "EXIT")));
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[1].yes")));
    }

    @Test
    void unreachableNodeIs400NamingIt() {
        Map<String, Object> body = definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n3"),
                Map.of("id", "n2", "type", "WAIT", "duration", "PT1H", "next", "n3"),
                Map.of("id", "n3", "type", "EXIT")));
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[1].id")))
                .body("errors.message", equalTo(List.of("is not reachable from startNodeId")));
    }

    @Test
    void badWaitDurationAndMissingEmailIdAreBothReported() {
        Map<String, Object> body = definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("id", "n1", "type", "SEND_EMAIL", "next", "n2"),
                Map.of("id", "n2", "type", "WAIT", "duration", "an hour", "next", "n3"),
                Map.of("id", "n3", "type", "EXIT")));
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[0].emailId", "nodes[1].duration")));
    }

    @Test
    void segmentEntryWithoutSegmentIdIs400() {
        asMarketer().contentType(ContentType.JSON).body(sendAndExit(Map.of("type", "SEGMENT"), UUID.randomUUID()))
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("entry.segmentId")));
    }

    @Test
    void unknownNodeTypeIs400NamingTheField() {
        Map<String, Object> body = definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("id", "n1", "type", "SEND_SMS", "next", "n2"),
                Map.of("id", "n2", "type", "EXIT")));
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("nodes[0].type"));
    }

    @Test
    void nodeWithoutIdIs400NamingTheNode() {
        Map<String, Object> body = definition(segmentEntry(UUID.randomUUID()), List.of(
                Map.of("type", "SEND_EMAIL", "emailId", UUID.randomUUID().toString(), "next", "n2"),
                Map.of("id", "n2", "type", "EXIT")));
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[0].id")));
    }

    @Test
    void nullNodeIs400NamingItsIndex() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(Map.of("id", "n1", "type", "EXIT"));
        nodes.add(null);
        asMarketer().contentType(ContentType.JSON).body(definition(segmentEntry(UUID.randomUUID()), nodes))
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("nodes[1]")));
    }

    @Test
    void blankNameAndEmptyNodesAre400() {
        Map<String, Object> body = new HashMap<>(definition(segmentEntry(UUID.randomUUID()), List.of()));
        body.put("name", " ");
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("name", "nodes")));
    }

    @Test
    void updateNeedsTheCurrentVersionAndADraft() {
        UUID id = create(sendAndExit(segmentEntry(UUID.randomUUID()), UUID.randomUUID()));
        Map<String, Object> edit = new HashMap<>(sendAndExit(segmentEntry(UUID.randomUUID()), UUID.randomUUID()));
        edit.put("name", "renamed");

        asMarketer().contentType(ContentType.JSON).body(edit)
                .when().put("/api/journeys/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("version")));

        edit.put("version", 0);
        asMarketer().contentType(ContentType.JSON).body(edit)
                .when().put("/api/journeys/" + id)
                .then().statusCode(200).body("name", equalTo("renamed")).body("version", equalTo(1));

        // the same edit again carries version 0, which is now stale
        asMarketer().contentType(ContentType.JSON).body(edit)
                .when().put("/api/journeys/" + id)
                .then().statusCode(409).contentType(PROBLEM);

        publishReferences(id);
        asMarketer().when().post("/api/journeys/" + id + "/activate").then().statusCode(200).body("status", equalTo("LIVE"));
        edit.put("version", 2);
        asMarketer().contentType(ContentType.JSON).body(edit)
                .when().put("/api/journeys/" + id)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void lifecycleIsDraftLivePausedLive() {
        UUID id = create(sendAndExit(triggerEntry(UUID.randomUUID()), UUID.randomUUID()));
        asMarketer().when().post("/api/journeys/" + id + "/pause").then().statusCode(409).contentType(PROBLEM);
        publishReferences(id);
        asMarketer().when().post("/api/journeys/" + id + "/activate").then().statusCode(200).body("status", equalTo("LIVE"));
        asMarketer().when().post("/api/journeys/" + id + "/activate").then().statusCode(409).contentType(PROBLEM);
        asMarketer().when().post("/api/journeys/" + id + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        asMarketer().when().post("/api/journeys/" + id + "/activate").then().statusCode(200).body("status", equalTo("LIVE"));
    }

    @Test
    void listIsPagedWithTotals() {
        create(sendAndExit(triggerEntry(UUID.randomUUID()), UUID.randomUUID()));
        create(sendAndExit(triggerEntry(UUID.randomUUID()), UUID.randomUUID()));
        int total = asMarketer().queryParam("size", 1).when().get("/api/journeys")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(1))
                .body("items.size()", equalTo(1))
                .extract().path("total");
        assertTrue(total >= 2);
        asMarketer().queryParam("size", 500).when().get("/api/journeys")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("size")));
    }

    @Test
    void openApiDocumentsEveryEndpoint() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.description", not(equalTo("TODO")))
                .body("paths.'/api/journeys'.post.summary", notNullValue())
                .body("paths.'/api/journeys'.get.summary", notNullValue())
                .body("paths.'/api/journeys/{id}'.get.summary", notNullValue())
                .body("paths.'/api/journeys/{id}'.put.summary", notNullValue())
                .body("paths.'/api/journeys/{id}/activate'.post.summary", notNullValue())
                .body("paths.'/api/journeys/{id}/pause'.post.summary", notNullValue())
                .body("paths.'/api/journeys/{journeyId}/instances'.get.summary", notNullValue())
                .body("paths.'/api/journeys/{journeyId}/stats'.get.summary", notNullValue());
    }

    @Test
    void unknownJourneyIs404Problem() {
        UUID id = UUID.randomUUID();
        asMarketer().when().get("/api/journeys/" + id)
                .then().statusCode(404).contentType(PROBLEM).body("detail", endsWith("does not exist"));
        asMarketer().when().get("/api/journeys/" + id + "/instances").then().statusCode(404).contentType(PROBLEM);
        asMarketer().when().get("/api/journeys/" + id + "/stats").then().statusCode(404).contentType(PROBLEM);
    }
}
