package org.patientoutreach.emails.security;

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
        String twoMegabytes = "{\"name\":\"big\",\"subject\":\"s\",\"htmlBody\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertEquals(413, OversizedBody.post(base.toString(), "/api/emails", "application/json",
                DevTokens.forRole("marketer"), twoMegabytes));
    }

    @Test
    void a_public_link_endpoint_refuses_a_two_megabyte_body_too() {
        assertEquals(413, OversizedBody.post(base.toString(), "/api/public/unsubscribe?token=x",
                "application/x-www-form-urlencoded", null, "List-Unsubscribe=" + "x".repeat(2 * 1024 * 1024)));
    }
}
