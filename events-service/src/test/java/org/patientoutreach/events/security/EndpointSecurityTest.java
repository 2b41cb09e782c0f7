package org.patientoutreach.events.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;
import org.patientoutreach.testing.OversizedBody;
import org.patientoutreach.testing.SecurityMatrix;

@QuarkusTest
class EndpointSecurityTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void every_endpoint_in_the_openapi_document_refuses_missing_expired_and_wrong_role_tokens() {
        int calls = new SecurityMatrix(base.toString()).verify();
        assertTrue(calls > 50, "the matrix exercised " + calls + " calls");
    }

    @Test
    void a_body_over_one_megabyte_is_refused_with_413() {
        String twoMegabytes = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertEquals(413, OversizedBody.post(base.toString(), "/api/events", "application/json",
                DevTokens.forRole("event-coordinator"), twoMegabytes));
    }
}
