package org.patientoutreach.triggers;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.testing.DevTokens;

/** Drives the REST API the way the front end does, for tests that need triggers in a given state. */
public final class TriggerApi {

    private TriggerApi() {
    }

    /** A request carrying a fresh token of {@code role}, as a front end sends it for a signed-in user. */
    public static RequestSpecification as(String role) {
        return given().auth().oauth2(DevTokens.forRole(role));
    }

    /** Marketers define and run triggers: the role behind most calls in these tests. */
    public static RequestSpecification asMarketer() {
        return as(Roles.MARKETER);
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
        return asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/triggers")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static void deactivate(String triggerId) {
        asMarketer().when().post("/api/triggers/{id}/deactivate", triggerId).then().statusCode(200);
    }

    /** Creates a trigger from a full JSON body and returns its id. */
    public static String create(Map<String, Object> body) {
        return asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/triggers")
                .then().statusCode(201)
                .extract().path("id");
    }
}
