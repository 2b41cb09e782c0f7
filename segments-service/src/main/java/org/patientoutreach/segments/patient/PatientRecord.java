package org.patientoutreach.segments.patient;

import java.time.LocalDate;
import java.util.List;

/** The contact and demographic part of a FHIR Patient that outreach needs. */
public record PatientRecord(String id, List<String> identifiers, String givenName, String familyName, String email,
        String phone, LocalDate birthDate, String gender, String language, String timezone, String postalCode,
        Boolean emailConsent, boolean deceased) {
}
