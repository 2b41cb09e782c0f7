package org.patientoutreach.emails.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

/** The patient-facing endpoints stop answering a client that calls them too often. */
@QuarkusTest
@TestProfile(PublicRateLimitTest.FiveAMinute.class)
class PublicRateLimitTest {

    /** A limit low enough to reach in a test; its own application instance, so other tests keep the default. */
    public static class FiveAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outreach.public.requests-per-minute", "5");
        }
    }

    @Test
    void the_sixth_call_in_a_minute_from_one_address_is_refused_with_429() {
        for (int i = 0; i < 5; i++) {
            // a bad token: refused by the link check, but counted by the limiter before it
            given().when().get("/api/public/t/open?token=guess-" + i).then().statusCode(400);
        }
        given().when().get("/api/public/t/open?token=guess-5")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "60").body("status", equalTo(429));
        // Staff endpoints from the same address are not limited.
        given().auth().oauth2(DevTokens.forRole("marketer")).when().get("/api/emails").then().statusCode(200);
    }
}
