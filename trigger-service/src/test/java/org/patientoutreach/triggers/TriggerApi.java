package org.patientoutreach.triggers;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;

/** Drives the REST API the way the front end does, for tests that need triggers in a given state. */
public final class TriggerApi {

    private TriggerApi() {
    }

    public static String create(String interactionType, String department, String cooldown) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "test trigger");
        body.put("interactionType", interactionType);
        if (department != null) {
            body.put("conditions", Map.of("department", department));
        }
        if (cooldown != null) {
            body.put("cooldown", cooldown);
        }
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/triggers")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static void pause(String triggerId) {
        given().when().post("/api/triggers/{id}/pause", triggerId).then().statusCode(200);
    }
}
