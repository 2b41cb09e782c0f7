package org.patientoutreach.segments.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

@QuarkusTest
class SegmentValidationTest {

    private static final String MARKETER = DevTokens.forRole("marketer");
    private static final String INTEGRATION = DevTokens.forRole("integration");

    @Test
    void a_segment_without_criteria_is_refused_naming_the_field() {
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("{\"name\":\"empty\",\"definition\":{\"criteria\":[]}}")
                .when().post("/api/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("definition.criteria"));
    }

    @Test
    void an_unknown_fact_kind_is_refused_naming_the_field() {
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"definition\":{\"criteria\":[{\"kind\":\"HOROSCOPE\",\"codes\":[\"1\"]}]}}")
                .when().post("/api/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("definition.criteria[0].kind"));
    }

    @Test
    void a_body_that_is_not_a_fhir_bundle_is_a_400_that_does_not_echo_it() {
        given().auth().oauth2(INTEGRATION).contentType("application/fhir+json").body("{\"resourceType\":\"Bundle\",\"entry\":\"Elizabeth\"}")
                .when().post("/api/fhir/bundles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Elizabeth")));
    }

    @Test
    void an_unknown_segment_is_a_404_problem() {
        given().auth().oauth2(MARKETER).when().get("/api/segments/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void a_page_size_over_the_limit_is_refused_naming_the_parameter() {
        given().auth().oauth2(MARKETER).when().get("/api/segments?size=5000")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("size"));
    }
}
