package org.patientoutreach.e2e;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lab's small population as a FHIR R4 transaction bundle in Synthea's shape. Ids and addresses carry a run id,
 * so repeated runs against the same databases never see each other's patients or mail.
 */
final class LabPopulation {

    static final String HYPERMETROPIA = "38101003";
    static final String TYPE_2_DIABETES = "44054006";
    static final String BIRTH_DATE = "1968-03-14";

    /** One patient of the story; {@code condition} is a SNOMED code or null, {@code status} its clinical status. */
    record Person(String id, String given, String family, String email, String condition, String status,
            boolean deceased) {
    }

    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final Person elizabeth = person("Elizabeth", "Moore", HYPERMETROPIA, "active", false);
    /** Had hypermetropia once; it resolved. */
    final Person robert = person("Robert", "Brown", HYPERMETROPIA, "resolved", false);
    final Person john = person("John", "Smith", TYPE_2_DIABETES, "active", false);
    final Person maria = person("Maria", "Garcia", null, null, false);
    /** Died with the condition: must never be contacted. */
    final Person agnes = person("Agnes", "Hill", HYPERMETROPIA, "active", true);

    List<Person> everyone() {
        return List.of(elizabeth, robert, john, maria, agnes);
    }

    List<Person> outsideTheSegment() {
        return List.of(robert, john, maria, agnes);
    }

    private Person person(String given, String family, String condition, String status, boolean deceased) {
        String email = given.toLowerCase() + "." + family.toLowerCase() + "." + runId + "@lab.patientoutreach.local";
        return new Person(UUID.randomUUID().toString(), given, family, email, condition, status, deceased);
    }

    String bundle() {
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + everyone().stream().map(LabPopulation::entries).collect(Collectors.joining(",")) + "]}";
    }

    private static String entries(Person p) {
        String patient = """
                {"fullUrl":"urn:uuid:%s","request":{"method":"POST","url":"Patient"},"resource":{
                  "resourceType":"Patient","name":[{"use":"official","given":["%s"],"family":"%s"}],
                  "telecom":[{"system":"email","value":"%s"}],"gender":"unknown","birthDate":"%s"%s}}"""
                .formatted(p.id(), p.given(), p.family(), p.email(), BIRTH_DATE,
                        p.deceased() ? ",\"deceasedDateTime\":\"2025-02-01T00:00:00Z\"" : "");
        if (p.condition() == null) {
            return patient;
        }
        String condition = """
                {"fullUrl":"urn:uuid:%s","request":{"method":"POST","url":"Condition"},"resource":{
                  "resourceType":"Condition",
                  "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"%s"}]},
                  "code":{"coding":[{"system":"http://snomed.info/sct","code":"%s"}]},
                  "subject":{"reference":"urn:uuid:%s"},"onsetDateTime":"2019-06-01T09:00:00Z"}}"""
                .formatted(UUID.randomUUID(), p.status(), p.condition(), p.id());
        return patient + "," + condition;
    }
}
