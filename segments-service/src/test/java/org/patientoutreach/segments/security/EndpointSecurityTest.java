package org.patientoutreach.segments.security;

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
        assertTrue(calls > 50, "the matrix exercised " + calls + " calls");
    }
}
