package org.patientoutreach.segments.segment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.patientoutreach.segments.Cohorts.load;
import static org.patientoutreach.segments.Cohorts.members;
import static org.patientoutreach.segments.Cohorts.set;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.patientoutreach.segments.Fhir;
import org.patientoutreach.testing.DevTokens;

/** Custom rule trees of every kind, each scoped to a hand-made cohort by its postal code. */
@QuarkusTest
class CustomRulesTest {

    private static final String MARKETER = DevTokens.forRole("marketer");
    private static final String ANALYST = DevTokens.forRole("analyst");

    @Test
    void demographics_age_at_a_date_gender_postal_code_and_language() {
        Fhir c = new Fhir();
        String woman50 = c.patient("female", "1975-06-15");
        String man50 = c.patient("male", "1975-06-15");
        String woman49 = c.patient("female", "1975-06-16");
        load(c);

        assertEquals(set(woman50, man50), members(c, "{\"type\":\"age\",\"min\":50,\"at\":\"2025-06-15\"}"));
        assertEquals(set(woman50, woman49), members(c, "{\"type\":\"gender\",\"in\":[\"female\"]}"));
        assertEquals(set(woman50), members(c, """
                {"type":"and","rules":[{"type":"gender","in":["female"]},{"type":"age","min":50,"max":50,"at":"2025-06-15"}]}"""));
        assertEquals(set(woman50, man50, woman49), members(c, "{\"type\":\"language\",\"in\":[\"es\"]}"),
                "es matches es-MX");
        assertEquals(set(), members(c, "{\"type\":\"language\",\"in\":[\"en\"]}"));
    }

    @Test
    void clinical_facts_by_value_set_and_codes_within_windows_and_counts() {
        Fhir c = new Fhir();
        String recentColonoscopy = c.patient("male", "1960-01-01");
        c.procedure(recentColonoscopy, Fhir.SNOMED, "73761001", "2024-05-01");
        String oldColonoscopy = c.patient("male", "1960-01-01");
        c.procedure(oldColonoscopy, Fhir.SNOMED, "73761001", "2010-05-01");
        String twoFluShots = c.patient("female", "1990-01-01");
        c.immunization(twoFluShots, "140", "2023-10-01").immunization(twoFluShots, "140", "2024-10-01");
        String sameDayTwice = c.patient("female", "1990-01-01");
        c.immunization(sameDayTwice, "140", "2024-10-01").immunization(sameDayTwice, "140", "2024-10-01");
        String loincNotSnomed = c.patient("female", "1990-01-01");
        c.observation(loincNotSnomed, Fhir.LOINC, "73761001", "2024-05-01", null);
        load(c);

        assertEquals(set(recentColonoscopy, oldColonoscopy), members(c, """
                {"type":"hasFact","kind":"PROCEDURE","valueSet":"2.16.840.1.113883.3.464.1003.108.12.1020"}"""));
        assertEquals(set(recentColonoscopy), members(c, """
                {"type":"hasFact","kind":"PROCEDURE","system":"http://snomed.info/sct","codes":["73761001"],
                 "window":{"from":"2020-01-01","to":"2025-12-31"}}"""));
        assertEquals(set(recentColonoscopy), members(c, """
                {"type":"hasFact","kind":"PROCEDURE","system":"http://snomed.info/sct","codes":["73761001"],
                 "window":{"lookback":"P10Y"}}"""), "lookback counts back from today");
        assertEquals(set(twoFluShots), members(c, """
                {"type":"hasFact","kind":"IMMUNIZATION","valueSet":"2.16.840.1.113883.3.526.3.1254","minCount":2}"""),
                "two doses on the same day count once");
        assertEquals(set(), members(c, """
                {"type":"hasFact","kind":"OBSERVATION","system":"http://snomed.info/sct","codes":["73761001"]}"""),
                "a code matches only with its own system");
    }

    @Test
    void latest_observation_value_and_encounter_counts() {
        Fhir c = new Fhir();
        String highNow = c.patient("female", "1970-01-01");
        c.observation(highNow, Fhir.LOINC, "4548-4", "2024-01-01", 6.0).observation(highNow, Fhir.LOINC, "4548-4", "2025-01-01", 8.5);
        String lowNow = c.patient("female", "1970-01-01");
        c.observation(lowNow, Fhir.LOINC, "4548-4", "2024-01-01", 9.0).observation(lowNow, Fhir.LOINC, "4548-4", "2025-01-01", 6.5);
        String twoEmergencies = c.patient("male", "1970-01-01");
        c.encounter(twoEmergencies, "EMER", Fhir.SNOMED, "50849002", "2025-02-01")
                .encounter(twoEmergencies, "EMER", Fhir.SNOMED, "50849002", "2025-03-01");
        String oneEmergency = c.patient("male", "1970-01-01");
        c.encounter(oneEmergency, "EMER", Fhir.SNOMED, "50849002", "2025-02-01")
                .encounter(oneEmergency, "AMB", Fhir.SNOMED, "185349003", "2025-03-01");
        load(c);

        assertEquals(set(highNow), members(c, """
                {"type":"latestValue","system":"http://loinc.org","codes":["4548-4"],"comparator":"GE","value":8}"""));
        assertEquals(set(highNow, twoEmergencies, oneEmergency), members(c, """
                {"type":"latestValue","system":"http://loinc.org","codes":["4548-4"],"comparator":"GE","value":8,
                 "orMissing":true}"""));
        assertEquals(set(twoEmergencies), members(c, """
                {"type":"encounterCount","encounterClass":"EMER","min":2,"window":{"from":"2025-01-01","to":"2025-12-31"}}"""));
        assertEquals(set(lowNow, oneEmergency), members(c, """
                {"type":"not","rule":{"type":"or","rules":[
                  {"type":"encounterCount","encounterClass":"EMER","min":2},
                  {"type":"latestValue","system":"http://loinc.org","codes":["4548-4"],"comparator":"GT","value":8}]}}"""));
    }

    @Test
    void membership_of_another_segment_and_an_analyst_sees_counts_without_ids() {
        Fhir c = new Fhir();
        String fluShot = c.patient("female", "1980-01-01");
        c.immunization(fluShot, "140", "2025-01-01");
        String none = c.patient("female", "1980-01-01");
        load(c);
        String segmentId = given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"name":"vaccinated","definition":{"rule":{"type":"and","rules":[
                  {"type":"postalCode","prefixes":["%s"]},
                  {"type":"hasFact","kind":"IMMUNIZATION","system":"http://hl7.org/fhir/sid/cvx","codes":["140"]}]}}}"""
                .formatted(c.postalCode()))
                .when().post("/api/segments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(MARKETER).when().post("/api/segments/{id}/activate", segmentId).then().statusCode(200);

        assertEquals(set(fluShot), members(c, "{\"type\":\"inSegment\",\"segmentId\":\"" + segmentId + "\"}"));
        assertEquals(set(none), members(c, "{\"type\":\"not\",\"rule\":{\"type\":\"inSegment\",\"segmentId\":\""
                + segmentId + "\"}}"));
        given().auth().oauth2(ANALYST).when().get("/api/segments/{id}/preview", segmentId)
                .then().statusCode(200).body("size", equalTo(1)).body("sample.size()", equalTo(0));
    }
}
