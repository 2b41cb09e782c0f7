package org.patientoutreach.triggers.trigger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.patientoutreach.triggers.TriggerApi.asMarketer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.triggers.TriggerApi;

@QuarkusTest
class TriggerResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createReturns201WithLocationAndAnActiveTrigger() {
        String id = asMarketer().contentType(ContentType.JSON).body(Map.of(
                        "name", "Checked in at ophthalmology",
                        "interactionType", "CHECKED_IN",
                        "conditions", Map.of("department", "Ophthalmology", "attributes", Map.of("visitType", "follow-up")),
                        "cooldown", "PT24H"))
                .when().post("/api/triggers")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("name", equalTo("Checked in at ophthalmology"))
                .body("interactionTypes", equalTo(List.of("CHECKED_IN")))
                .body("conditions.field", containsInAnyOrder("department", "attributes.visitType"))
                .body("conditions.operator", equalTo(List.of("EQUALS", "EQUALS")))
                .body("conditions.value", containsInAnyOrder("Ophthalmology", "follow-up"))
                .body("firedCount", equalTo(0))
                .body("lastFiredAt", nullValue())
                .body("cooldown", equalTo("PT24H"))
                .body("status", equalTo("ACTIVE"))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().path("id");

        asMarketer().when().get("/api/triggers/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("cooldown", equalTo("PT24H"));
    }

    @Test
    void missingBodyIsA400Problem() {
        asMarketer().contentType(ContentType.JSON).when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void locationHeaderNamesTheCreatedTrigger() {
        String location = asMarketer().contentType(ContentType.JSON)
                .body(Map.of("name", "discharge", "interactionType", "DISCHARGED"))
                .when().post("/api/triggers")
                .then().statusCode(201).extract().header("Location");
        asMarketer().when().get(location).then().statusCode(200).body("interactionTypes", equalTo(List.of("DISCHARGED")));
    }

    @Test
    void listIsPagedWithTotals() {
        String id = TriggerApi.create("NO_SHOW", null, null);
        asMarketer().queryParam("page", 0).queryParam("size", 200)
                .when().get("/api/triggers")
                .then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(200))
                .body("total", notNullValue())
                .body("items.id", hasItem(id));
        asMarketer().queryParam("size", 1).when().get("/api/triggers")
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void updateWithTheCurrentVersionReplacesTheDefinition() {
        String id = TriggerApi.create("CHECKED_IN", "Ophthalmology", null);
        asMarketer().contentType(ContentType.JSON).body(Map.of(
                        "name", "Checked in at cardiology", "interactionType", "CHECKED_IN",
                        "conditions", Map.of("department", "Cardiology"), "version", 0))
                .when().put("/api/triggers/{id}", id)
                .then().statusCode(200)
                .body("conditions[0].value", equalTo("Cardiology"))
                .body("version", equalTo(1));
    }

    @Test
    void updateWithAStaleVersionIsAConflict() {
        String id = TriggerApi.create("CHECKED_IN", "Ophthalmology", null);
        Map<String, Object> edit = Map.of("name", "renamed", "interactionType", "CHECKED_IN", "version", 0);
        asMarketer().contentType(ContentType.JSON).body(edit).when().put("/api/triggers/{id}", id).then().statusCode(200);

        asMarketer().contentType(ContentType.JSON).body(edit)
                .when().put("/api/triggers/{id}", id)
                .then().statusCode(409).contentType(PROBLEM).body("status", equalTo(409));
    }

    @Test
    void deactivateAndActivateChangeTheStatus() {
        String id = TriggerApi.create("ADMITTED", null, null);
        asMarketer().when().post("/api/triggers/{id}/deactivate", id)
                .then().statusCode(200).body("status", equalTo("INACTIVE")).body("version", equalTo(1));
        asMarketer().when().post("/api/triggers/{id}/activate", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("version", equalTo(2));
    }

    @Test
    void unknownTriggerIsA404Problem() {
        UUID id = UUID.randomUUID();
        asMarketer().when().get("/api/triggers/{id}", id).then().statusCode(404).contentType(PROBLEM);
        asMarketer().when().get("/api/triggers/{id}/firings", id).then().statusCode(404).contentType(PROBLEM);
        asMarketer().when().post("/api/triggers/{id}/deactivate", id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void missingNameIsA400NamingTheField() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("interactionType", "CHECKED_IN"))
                .when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
    }

    @Test
    void unknownInteractionTypeIsA400NamingTheField() {
        asMarketer().contentType(ContentType.JSON).body(Map.of("name", "x", "interactionType", "TELEPORTED"))
                .when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("interactionType"));
    }

    @Test
    void invalidCooldownIsA400NamingTheField() {
        for (String cooldown : new String[] {"tomorrow", "PT0S", "-PT1H", "PT0.5S"}) {
            asMarketer().contentType(ContentType.JSON)
                    .body(Map.of("name", "x", "interactionType", "CHECKED_IN", "cooldown", cooldown))
                    .when().post("/api/triggers")
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("cooldown"));
        }
    }

    @Test
    void blankConditionIsA400NamingTheNestedField() {
        asMarketer().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "interactionType", "CHECKED_IN", "conditions", Map.of("department", " ")))
                .when().post("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("conditions.department"));
    }

    @Test
    void updateWithoutVersionIsA400NamingTheField() {
        String id = TriggerApi.create("CHECKED_IN", null, null);
        asMarketer().contentType(ContentType.JSON).body(Map.of("name", "x", "interactionType", "CHECKED_IN"))
                .when().put("/api/triggers/{id}", id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("version"));
    }

    @Test
    void pageSizeAboveTheMaximumIsA400NamingTheParameter() {
        asMarketer().queryParam("size", 500).when().get("/api/triggers")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("size"));
    }

    @Test
    void openApiDocumentsTheTriggersApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body("paths", hasKey("/api/triggers/{id}/firings"))
                .body("info.description", not(endsWith("TODO")));
    }
}
