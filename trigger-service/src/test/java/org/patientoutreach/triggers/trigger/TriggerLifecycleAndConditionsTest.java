package org.patientoutreach.triggers.trigger;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.patientoutreach.triggers.TriggerApi.asMarketer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.triggers.TriggerApi;

/** The REST contract of typed conditions, several interaction types and the DRAFT → ACTIVE → INACTIVE lifecycle. */
@QuarkusTest
class TriggerLifecycleAndConditionsTest {

    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> withConditions(Object conditions) {
        return Map.of("name", "typed", "interactionType", "DISCHARGED", "conditions", conditions);
    }

    private static void refusedNaming(Object conditions, String field) {
        asMarketer().contentType(ContentType.JSON).body(withConditions(conditions))
                .when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    @Test
    void everyOperatorIsAcceptedAndShownBackAsDefined() {
        List<Map<String, Object>> conditions = List.of(
                Map.of("field", "facility", "operator", "EQUALS", "value", "Main Street Clinic"),
                Map.of("field", "attributes.dischargeDisposition", "operator", "IN", "values", List.of("01", "06")),
                Map.of("field", "department", "operator", "PREFIX", "value", "Cardio"),
                Map.of("field", "attributes.lengthOfStayDays", "operator", "RANGE", "min", 2, "max", "10"),
                Map.of("field", "occurredAt", "operator", "RANGE", "min", "2026-01-01T00:00:00Z"),
                Map.of("field", "attributes.encounterClass", "operator", "exists"));
        String id = TriggerApi.create(Map.of("name", "typed", "interactionTypes", List.of("DISCHARGED", "ADMITTED"),
                "conditions", conditions));
        asMarketer().when().get("/api/triggers/{id}", id).then().statusCode(200)
                .body("interactionTypes", equalTo(List.of("DISCHARGED", "ADMITTED")))
                .body("conditions.operator", equalTo(List.of("EQUALS", "IN", "PREFIX", "RANGE", "RANGE", "EXISTS")))
                .body("conditions[1].values", equalTo(List.of("01", "06")))
                .body("conditions[3].min", equalTo("2"))
                .body("conditions[3].max", equalTo("10"))
                .body("conditions[4].max", equalTo(null));
    }

    @Test
    void invalidConditionsAreRefusedNamingTheConditionPath() {
        refusedNaming(List.of(Map.of("field", "ward", "operator", "EQUALS", "value", "x")), "conditions[0].field");
        refusedNaming(List.of(Map.of("field", "department", "operator", "LIKE", "value", "x")),
                "conditions[0].operator");
        refusedNaming(List.of(Map.of("field", "department", "value", "x")), "conditions[0].operator");
        refusedNaming(List.of(Map.of("field", "facility", "operator", "EQUALS", "value", "x"),
                Map.of("field", "department", "operator", "EQUALS", "value", " ")), "conditions[1].value");
        refusedNaming(List.of(Map.of("field", "department", "operator", "IN", "values", List.of())),
                "conditions[0].values");
        refusedNaming(List.of(Map.of("field", "attributes.los", "operator", "RANGE")), "conditions[0].min");
        refusedNaming(List.of(Map.of("field", "attributes.los", "operator", "RANGE", "min", "two")),
                "conditions[0].min");
        refusedNaming(List.of(Map.of("field", "attributes.los", "operator", "RANGE", "min", "5", "max", "1")),
                "conditions[0].max");
        refusedNaming(List.of(Map.of("field", "occurredAt", "operator", "RANGE",
                "min", "2026-01-01T00:00:00Z", "max", "12")), "conditions[0].min");
        refusedNaming(List.of(Map.of("field", "attributes.", "operator", "EXISTS")), "conditions[0].field");
        refusedNaming(Map.of("ward", "3"), "conditions.ward");
        refusedNaming("department", "conditions");
    }

    @Test
    void aTriggerNeedsAnInteractionType() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("name", "no type", "interactionTypes", List.of()))
                .when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("interactionType"));
    }

    @Test
    void aDraftIsActivatedThenDeactivatedThenActivatedAgain() {
        String id = TriggerApi.create(Map.of("name", "draft", "interactionType", "NO_SHOW", "status", "DRAFT"));
        asMarketer().when().get("/api/triggers/{id}", id).then().body("status", equalTo("DRAFT"));
        asMarketer().when().post("/api/triggers/{id}/activate", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
        asMarketer().when().post("/api/triggers/{id}/deactivate", id).then().statusCode(200)
                .body("status", equalTo("INACTIVE"));
        asMarketer().when().post("/api/triggers/{id}/activate", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aDraftCannotBeDeactivatedAndANewTriggerCannotStartInactive() {
        String id = TriggerApi.create(Map.of("name", "draft", "interactionType", "NO_SHOW", "status", "DRAFT"));
        asMarketer().when().post("/api/triggers/{id}/deactivate", id).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("DRAFT"));
        asMarketer().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "interactionType", "NO_SHOW", "status", "INACTIVE"))
                .when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("status"));
    }
}
