package org.patientoutreach.journeys.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.SecurityMatrix;

@QuarkusTest
class EndpointSecurityTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void every_endpoint_in_the_openapi_document_refuses_missing_expired_and_wrong_role_tokens() {
        int calls = new SecurityMatrix(base.toString()).verify();
        // 12 operations (11 journey endpoints and the audit log) times 7 calls each
        assertTrue(calls >= 84, "the matrix exercised " + calls + " calls");
    }
}
