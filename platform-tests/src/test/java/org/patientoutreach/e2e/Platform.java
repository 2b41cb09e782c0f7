package org.patientoutreach.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.patientoutreach.testing.DevTokens;

/** The five services' REST APIs, at the launcher's addresses unless overridden by system properties. */
final class Platform {

    static final String SEGMENTS = System.getProperty("segments.url", "http://127.0.0.1:8081");
    static final String JOURNEYS = System.getProperty("journeys.url", "http://127.0.0.1:8082");
    static final String EMAILS = System.getProperty("emails.url", "http://127.0.0.1:8083");
    static final String EVENTS = System.getProperty("events.url", "http://127.0.0.1:8084");
    static final String TRIGGERS = System.getProperty("triggers.url", "http://127.0.0.1:8085");

    private Platform() {
    }

    /**
     * POSTs JSON as {@code role} (a development token, as `./outreach token ROLE` prints) and returns the response
     * body, failing with the service's problem detail on an unexpected status.
     */
    static JsonPath post(String base, String role, String path, String json, int expectedStatus) {
        var request = given().baseUri(base).auth().oauth2(DevTokens.forRole(role));
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        var response = request.when().post(path);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("POST " + base + path + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return response.jsonPath();
    }

    static JsonPath get(String base, String role, String path) {
        var response = given().baseUri(base).auth().oauth2(DevTokens.forRole(role)).when().get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + base + path + " answered " + response.statusCode() + ": " + response.asString());
        }
        return response.jsonPath();
    }
}
