package org.patientoutreach.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds hand-made FHIR R4 patients with dated clinical facts, for tests at the edges of rules and measures. Each
 * patient gets the postal code of its {@link Fhir} cohort, so a test can scope a rule to exactly its own patients.
 */
public final class Fhir {

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final String CVX = "http://hl7.org/fhir/sid/cvx";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";

    private final String postalCode = "T" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> entries = new ArrayList<>();

    public String postalCode() {
        return postalCode;
    }

    /** A patient of this cohort; returns its id. */
    public String patient(String gender, String birthDate) {
        return patient(gender, birthDate, false);
    }

    public String patient(String gender, String birthDate, boolean deceased) {
        String id = UUID.randomUUID().toString();
        entries.add(entry("Patient", id, """
                {"resourceType":"Patient","gender":"%s","birthDate":"%s","address":[{"postalCode":"%s"}],
                 "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"es-MX"}]}}]%s}"""
                .formatted(gender, birthDate, postalCode, deceased ? ",\"deceasedBoolean\":true" : "")));
        return id;
    }

    public Fhir condition(String patient, String system, String code, String onset) {
        return condition(patient, system, code, onset, null);
    }

    public Fhir condition(String patient, String system, String code, String onset, String abatement) {
        entries.add(entry("Condition", UUID.randomUUID().toString(), """
                {"resourceType":"Condition",
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                 "code":{"coding":[{"system":"%s","code":"%s"}]},"subject":{"reference":"urn:uuid:%s"},
                 "onsetDateTime":"%sT10:00:00Z"%s}"""
                .formatted(abatement == null ? "active" : "resolved", system, code, patient, onset,
                        abatement == null ? "" : ",\"abatementDateTime\":\"" + abatement + "T10:00:00Z\"")));
        return this;
    }

    public Fhir observation(String patient, String system, String code, String date, Double value) {
        entries.add(entry("Observation", UUID.randomUUID().toString(), """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"%s","code":"%s"}]},
                 "subject":{"reference":"urn:uuid:%s"},"effectiveDateTime":"%sT09:00:00Z"%s}"""
                .formatted(system, code, patient, date,
                        value == null ? "" : ",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"u\"}")));
        return this;
    }

    /** A blood pressure panel (85354-9) with systolic and diastolic components, as Synthea writes it. */
    public Fhir bloodPressure(String patient, String date, int systolic, int diastolic) {
        entries.add(entry("Observation", UUID.randomUUID().toString(), """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
                 "subject":{"reference":"urn:uuid:%s"},"effectiveDateTime":"%sT09:00:00Z",
                 "component":[
                   {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":%d,"unit":"mm[Hg]"}},
                   {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":%d,"unit":"mm[Hg]"}}]}"""
                .formatted(patient, date, systolic, diastolic)));
        return this;
    }

    public Fhir procedure(String patient, String system, String code, String date) {
        entries.add(entry("Procedure", UUID.randomUUID().toString(), """
                {"resourceType":"Procedure","status":"completed","code":{"coding":[{"system":"%s","code":"%s"}]},
                 "subject":{"reference":"urn:uuid:%s"},"performedDateTime":"%sT09:00:00Z"}"""
                .formatted(system, code, patient, date)));
        return this;
    }

    public Fhir immunization(String patient, String cvx, String date) {
        entries.add(entry("Immunization", UUID.randomUUID().toString(), """
                {"resourceType":"Immunization","status":"completed","vaccineCode":{"coding":[{"system":"%s","code":"%s"}]},
                 "patient":{"reference":"urn:uuid:%s"},"occurrenceDateTime":"%sT09:00:00Z"}"""
                .formatted(CVX, cvx, patient, date)));
        return this;
    }

    public Fhir encounter(String patient, String encounterClass, String system, String code, String date) {
        entries.add(entry("Encounter", UUID.randomUUID().toString(), """
                {"resourceType":"Encounter","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"%s"},
                 "type":[{"coding":[{"system":"%s","code":"%s"}]}],"subject":{"reference":"urn:uuid:%s"},
                 "period":{"start":"%sT09:00:00Z","end":"%sT10:00:00Z"}}"""
                .formatted(encounterClass, system, code, patient, date, date)));
        return this;
    }

    /** Everything added so far, as one transaction bundle. */
    public String bundle() {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String entry(String type, String id, String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":" + resource
                + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
    }
}
