package org.patientoutreach.triggers.fhir;

/** An Encounter that cannot become an interaction; {@code field} is its FHIR path. The message carries no PHI. */
public class InvalidEncounter extends RuntimeException {

    private final String field;

    public InvalidEncounter(String field, String message) {
        super(field + ": " + message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
