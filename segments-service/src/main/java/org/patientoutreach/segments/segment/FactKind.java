package org.patientoutreach.segments.segment;

/** The kinds of clinical fact a rule can require, each backed by FHIR resource types. */
public enum FactKind {
    CONDITION("Condition"),
    OBSERVATION("Observation"),
    PROCEDURE("Procedure"),
    IMMUNIZATION("Immunization"),
    ENCOUNTER("Encounter"),
    MEDICATION("MedicationRequest", "MedicationDispense"),
    COVERAGE("Coverage");

    private final String[] resourceTypes;

    FactKind(String... resourceTypes) {
        this.resourceTypes = resourceTypes;
    }

    public String[] resourceTypes() {
        return resourceTypes.clone();
    }
}
