package org.patientoutreach.segments.segment;

/** The kinds of clinical fact a criterion can require, each backed by one FHIR resource type. */
public enum FactKind {
    CONDITION("Condition"),
    OBSERVATION("Observation"),
    PROCEDURE("Procedure"),
    IMMUNIZATION("Immunization"),
    ENCOUNTER("Encounter"),
    MEDICATION("MedicationRequest");

    private final String resourceType;

    FactKind(String resourceType) {
        this.resourceType = resourceType;
    }

    public String resourceType() {
        return resourceType;
    }
}
