package org.patientoutreach.triggers.match;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.patientoutreach.triggers.TriggerApi.asMarketer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.triggers.TriggerApi;

@QuarkusTest
class TestFireTest {

    private static JsonPath testFire(Map<String, Object> sample) {
        return asMarketer().contentType(ContentType.JSON).body(sample)
                .when().post("/api/triggers/test-fire")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> evaluationOf(JsonPath result, String triggerId) {
        return result.getMap("triggers.find { it.triggerId == '" + triggerId + "' }");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSampleShowsEachTriggersVerdictConditionByCondition() {
        String facility = "Clinic " + UUID.randomUUID();
        String matching = TriggerApi.create(Map.of("name", "ophthalmology follow-up", "interactionType", "CHECKED_IN",
                "conditions", List.of(
                        Map.of("field", "facility", "operator", "EQUALS", "value", facility),
                        Map.of("field", "attributes.appointmentType", "operator", "IN", "values", List.of("follow-up")))));
        String draft = TriggerApi.create(Map.of("name", "draft", "interactionType", "CHECKED_IN", "status", "DRAFT",
                "conditions", List.of(Map.of("field", "facility", "operator", "PREFIX", "value", "Clinic "))));
        String failing = TriggerApi.create(Map.of("name", "long stays", "interactionType", "CHECKED_IN",
                "conditions", List.of(
                        Map.of("field", "facility", "operator", "EQUALS", "value", facility),
                        Map.of("field", "attributes.lengthOfStayDays", "operator", "RANGE", "min", "3"))));
        String otherType = TriggerApi.create(Map.of("name", "discharges", "interactionType", "DISCHARGED"));
        String inactive = TriggerApi.create("CHECKED_IN", null, null);
        TriggerApi.deactivate(inactive);

        JsonPath result = testFire(Map.of("type", "CHECKED_IN", "facility", facility,
                "attributes", Map.of("appointmentType", "Follow-up")));

        Map<String, Object> match = evaluationOf(result, matching);
        assertEquals(true, match.get("matched"));
        assertEquals(true, match.get("wouldFire"));
        Map<String, Object> draftVerdict = evaluationOf(result, draft);
        assertEquals(true, draftVerdict.get("matched"));
        assertEquals(false, draftVerdict.get("wouldFire"), "a draft never fires");
        Map<String, Object> miss = evaluationOf(result, failing);
        assertEquals(false, miss.get("matched"));
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) miss.get("conditions");
        assertEquals(true, conditions.get(0).get("matched"));
        assertEquals(false, conditions.get(1).get("matched"));
        assertThat((String) conditions.get(1).get("reason"),
                containsString("has no attributes.lengthOfStayDays"));
        Map<String, Object> wrongType = evaluationOf(result, otherType);
        assertEquals(false, wrongType.get("listensToType"));
        assertNull(evaluationOf(result, inactive), "inactive triggers are not evaluated");
    }

    @Test
    void aSampleWithoutTypeIsA400NamingIt() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("facility", "x"))
                .when().post("/api/triggers/test-fire")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("type"));
    }

    @Test
    void analystsMayNotTestFire() {
        TriggerApi.as(Roles.ANALYST).contentType(ContentType.JSON).body(Map.of("type", "CHECKED_IN"))
                .when().post("/api/triggers/test-fire")
                .then().statusCode(403).body("status", equalTo(403));
    }
}
