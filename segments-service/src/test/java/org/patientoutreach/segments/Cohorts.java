package org.patientoutreach.segments;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.patientoutreach.testing.DevTokens;

/** Loads a hand-made {@link Fhir} cohort and asks which of its patients a rule selects, through the real API. */
public final class Cohorts {

    private static final String MARKETER = DevTokens.forRole("marketer");
    private static final String INTEGRATION = DevTokens.forRole("integration");

    private Cohorts() {
    }

    public static void load(Fhir cohort) {
        given().auth().oauth2(INTEGRATION).contentType("application/fhir+json").body(cohort.bundle())
                .when().post("/api/fhir/bundles").then().log().ifValidationFails().statusCode(200);
    }

    /** The cohort's patients for whom {@code rule} (a rule-tree node as JSON) holds, from a preview's sample. */
    public static Set<String> members(Fhir cohort, String rule) {
        List<String> sample = given().auth().oauth2(MARKETER).contentType(ContentType.JSON).body("""
                {"rule":{"type":"and","rules":[{"type":"postalCode","prefixes":["%s"]},%s]}}"""
                .formatted(cohort.postalCode(), rule))
                .when().post("/api/segments/preview?sample=100")
                .then().log().ifValidationFails().statusCode(200).extract().path("sample");
        return new TreeSet<>(sample);
    }

    public static Set<String> set(String... ids) {
        return new TreeSet<>(List.of(ids));
    }
}
