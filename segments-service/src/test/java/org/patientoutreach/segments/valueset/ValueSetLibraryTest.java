package org.patientoutreach.segments.valueset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.patientoutreach.testing.DevTokens;

@QuarkusTest
class ValueSetLibraryTest {

    private static final String ADMIN = DevTokens.forRole("outreach-admin");
    private static final String ANALYST = DevTokens.forRole("analyst");
    private static final String MARKETER = DevTokens.forRole("marketer");

    @Test
    void the_shipped_library_holds_the_public_sets_and_the_project_sets() {
        given().auth().oauth2(ANALYST).when().get("/api/value-sets?size=1&source=public")
                .then().statusCode(200).body("total", equalTo(116));
        given().auth().oauth2(ANALYST).when().get("/api/value-sets?size=50&source=project")
                .then().statusCode(200).body("items.id", hasItem("outreach-egfr"))
                .body("items.id", hasItem("outreach-well-care-visit"))
                .body("items.id", hasItem("outreach-mammography-procedure"));
        given().auth().oauth2(ANALYST).when().get("/api/value-sets/2.16.840.1.113883.3.464.1003.108.12.1020/codes?size=200")
                .then().statusCode(200).body("items.code", hasItem("73761001"))
                .body("items.find { it.code == '73761001' }.system", equalTo("http://snomed.info/sct"));
    }

    @Test
    void a_compose_value_set_loads_and_rules_can_use_it_at_once() {
        String id = "test-" + UUID.randomUUID();
        given().auth().oauth2(ADMIN).contentType("application/fhir+json").body("""
                {"resourceType":"ValueSet","id":"%s","url":"https://example.org/fhir/ValueSet/%s","name":"Hyperopia",
                 "status":"active","compose":{"include":[{"system":"http://snomed.info/sct",
                   "concept":[{"code":"38101003"},{"code":"429367001"}]}]}}""".formatted(id, id))
                .when().post("/api/value-sets")
                .then().statusCode(201).body("codeCount", equalTo(2)).body("source", equalTo("uploaded"));
        given().auth().oauth2(MARKETER).contentType("application/json").body("""
                {"rule":{"type":"hasFact","kind":"CONDITION","valueSet":"https://example.org/fhir/ValueSet/%s"}}"""
                .formatted(id))
                .when().post("/api/segments/preview").then().statusCode(200).body("size", greaterThanOrEqualTo(0));
    }

    @Test
    void an_intensional_value_set_is_refused_naming_the_include() {
        given().auth().oauth2(ADMIN).contentType("application/fhir+json").body("""
                {"resourceType":"ValueSet","id":"filtered","url":"https://example.org/fhir/ValueSet/filtered",
                 "status":"active","compose":{"include":[{"system":"http://snomed.info/sct",
                   "filter":[{"property":"concept","op":"is-a","value":"73211009"}]}]}}""")
                .when().post("/api/value-sets")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("compose.include[0]"));
    }

    @Test
    void a_marketer_cannot_load_value_sets() {
        given().auth().oauth2(MARKETER).contentType("application/fhir+json").body("{}")
                .when().post("/api/value-sets").then().statusCode(403);
    }
}
