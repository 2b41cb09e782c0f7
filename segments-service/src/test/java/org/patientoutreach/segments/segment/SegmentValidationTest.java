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

    private static void refused(String definition, String field) {
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"definition\":" + definition + "}")
                .when().post("/api/segments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void a_segment_without_a_rule_is_refused_naming_the_field() {
        refused("{}", "definition.rule");
    }

    @Test
    void an_empty_group_is_refused_naming_its_path() {
        refused("{\"rule\":{\"type\":\"and\",\"rules\":[]}}", "definition.rule.rules");
    }

    @Test
    void an_unknown_fact_kind_is_refused_naming_the_field() {
        refused("{\"rule\":{\"type\":\"hasFact\",\"kind\":\"HOROSCOPE\",\"system\":\"s\",\"codes\":[\"1\"]}}",
                "definition.rule.kind");
    }

    @Test
    void an_age_range_upside_down_deep_in_the_tree_is_refused_naming_its_path() {
        refused("""
                {"rule":{"type":"or","rules":[{"type":"gender","in":["female"]},
                  {"type":"not","rule":{"type":"age","min":70,"max":50}}]}}""", "definition.rule.rules[1].rule.max");
    }

    @Test
    void an_unknown_value_set_is_refused_naming_the_field() {
        refused("{\"rule\":{\"type\":\"hasFact\",\"kind\":\"PROCEDURE\",\"valueSet\":\"no-such-set\"}}",
                "definition.rule.valueSet");
    }

    @Test
    void codes_without_their_system_are_refused() {
        refused("{\"rule\":{\"type\":\"hasFact\",\"kind\":\"CONDITION\",\"codes\":[\"38101003\"]}}",
                "definition.rule.system");
    }

    @Test
    void a_gender_outside_the_fhir_codes_is_refused_naming_the_item() {
        refused("{\"rule\":{\"type\":\"gender\",\"in\":[\"female\",\"F\"]}}", "definition.rule.in[1]");
    }

    @Test
    void a_missing_segment_reference_and_an_unknown_measure_are_refused() {
        refused("{\"rule\":{\"type\":\"inSegment\",\"segmentId\":\"" + UUID.randomUUID() + "\"}}",
                "definition.rule.segmentId");
        refused("{\"rule\":{\"type\":\"careGap\",\"measure\":\"XYZ\"}}", "definition.rule.measure");
    }

    @Test
    void sql_in_a_value_is_only_ever_a_parameter() {
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"rule":{"type":"postalCode","prefixes":["0'); DROP TABLE patient; --"]}}""")
                .when().post("/api/segments/preview")
                .then().statusCode(200).body("size", equalTo(0));
        given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"rule":{"type":"age","min":0}}""")
                .when().post("/api/segments/preview")
                .then().statusCode(200);
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
