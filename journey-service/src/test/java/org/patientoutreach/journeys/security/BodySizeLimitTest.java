package org.patientoutreach.journeys.security;

import static org.patientoutreach.journeys.Fixtures.asMarketer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BodySizeLimitTest {

    @Test
    void a_two_megabyte_body_is_refused_with_413() {
        // well-formed JSON, so only its size can be the reason
        String body = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        asMarketer().contentType(ContentType.JSON).body(body)
                .when().post("/api/journeys")
                .then().statusCode(413);
    }
}
