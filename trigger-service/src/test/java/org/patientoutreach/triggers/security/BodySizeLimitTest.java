package org.patientoutreach.triggers.security;

import static org.patientoutreach.triggers.TriggerApi.asMarketer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BodySizeLimitTest {

    @Test
    void a_two_megabyte_body_is_refused_with_413() {
        // well-formed JSON, so only its size can be the reason
        String body = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"interactionType\": \"CHECKED_IN\"}";
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/triggers")
                .then().statusCode(413);
    }
}
