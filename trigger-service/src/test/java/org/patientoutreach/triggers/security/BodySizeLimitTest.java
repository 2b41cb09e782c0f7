package org.patientoutreach.triggers.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.OversizedBody;

@QuarkusTest
class BodySizeLimitTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void a_two_megabyte_body_is_refused_with_413() {
        // well-formed JSON, so only its size can be the reason
        String body = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"interactionType\": \"CHECKED_IN\"}";
        assertEquals(413, OversizedBody.post(base.toString(), "/api/triggers", "application/json",
                DevTokens.forRole(Roles.MARKETER), body));
    }
}
