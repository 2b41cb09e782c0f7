package org.patientoutreach.segments;

/** Small FHIR R4 transaction bundles in the shape Synthea writes (urn:uuid fullUrls and references). */
public final class Bundles {

    private Bundles() {
    }

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String HYPERMETROPIA = "38101003";

    public static String bundle(String... entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + String.join(",", entries) + "]}";
    }

    public static String patient(String id, String given, String family, String email, boolean deceased) {
        return entry("Patient", id, """
                {"resourceType":"Patient","name":[{"use":"official","given":["%s"],"family":"%s"}],
                 "telecom":[{"system":"email","value":"%s"},{"system":"phone","value":"555-0100"}],
                 "gender":"female","birthDate":"1970-04-02",
                 "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en-US"}]}}]%s}"""
                .formatted(given, family, email, deceased ? ",\"deceasedDateTime\":\"2024-01-01T00:00:00Z\"" : ""));
    }

    public static String condition(String id, String patientId, String code, String clinicalStatus) {
        return entry("Condition", id, """
                {"resourceType":"Condition",
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                 "code":{"coding":[{"system":"%s","code":"%s"}]},
                 "subject":{"reference":"urn:uuid:%s"},"onsetDateTime":"2020-05-01T10:00:00Z"}"""
                .formatted(clinicalStatus, SNOMED, code, patientId));
    }

    private static String entry(String type, String id, String resource) {
        return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":" + resource
                + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
    }
}
