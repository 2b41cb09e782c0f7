package org.patientoutreach.segments.patient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patientoutreach.segments.Bundles;

class FhirMapperTest {

    private static FhirContext fhir;

    @BeforeAll
    static void context() {
        fhir = FhirContext.forR4();
    }

    private static Bundle parse(String json) {
        return fhir.newJsonParser().parseResource(Bundle.class, json);
    }

    @Test
    void synthea_urn_uuid_ids_and_references_are_stripped_so_facts_point_at_their_patient() {
        Bundle bundle = parse(Bundles.bundle(
                Bundles.patient("p-1", "Elizabeth", "Moore", "elizabeth@example.org", false),
                Bundles.condition("c-1", "p-1", Bundles.HYPERMETROPIA, "active")));
        var patientEntry = bundle.getEntry().get(0);
        var conditionEntry = bundle.getEntry().get(1);
        assertEquals("p-1", FhirMapper.idOf(patientEntry.getResource(), patientEntry.getFullUrl()));
        String conditionId = FhirMapper.idOf(conditionEntry.getResource(), conditionEntry.getFullUrl());
        List<ClinicalFact> facts = FhirMapper.facts(conditionEntry.getResource(), conditionId);
        assertEquals(1, facts.size());
        ClinicalFact fact = facts.get(0);
        assertEquals("Condition", fact.resourceType());
        assertEquals("c-1", fact.resourceId());
        assertEquals("p-1", fact.patientId());
        assertEquals(Bundles.SNOMED, fact.system());
        assertEquals(Bundles.HYPERMETROPIA, fact.code());
        assertEquals("active", fact.status());
    }

    @Test
    void patient_contact_details_come_from_the_official_name_and_telecoms() {
        Bundle bundle = parse(Bundles.bundle(Bundles.patient("p-2", "Elizabeth", "Moore", "e@example.org", false)));
        PatientRecord p = FhirMapper.patient((Patient) bundle.getEntryFirstRep().getResource(), "p-2");
        assertEquals("Elizabeth", p.givenName());
        assertEquals("Moore", p.familyName());
        assertEquals("e@example.org", p.email());
        assertEquals("555-0100", p.phone());
        assertEquals(LocalDate.of(1970, 4, 2), p.birthDate());
        assertEquals("en-US", p.language());
        assertFalse(p.deceased());
    }

    @Test
    void a_deceased_date_marks_the_patient_deceased() {
        Bundle bundle = parse(Bundles.bundle(Bundles.patient("p-3", "Ann", "Lee", "a@example.org", true)));
        assertTrue(FhirMapper.patient((Patient) bundle.getEntryFirstRep().getResource(), "p-3").deceased());
    }

    @Test
    void references_of_every_shape_reduce_to_the_id() {
        assertEquals("123", FhirMapper.stripReference("Patient/123"));
        assertEquals("abc", FhirMapper.stripReference("urn:uuid:abc"));
        assertEquals("9", FhirMapper.stripReference("https://ehr.example.org/fhir/Patient/9/_history/2"));
    }
}
