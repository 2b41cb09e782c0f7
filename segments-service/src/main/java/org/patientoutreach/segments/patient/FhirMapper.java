package org.patientoutreach.segments.patient;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Flattens FHIR R4 resources into {@link PatientRecord}s and {@link ClinicalFact}s. Pure: no I/O, so it is tested
 * without infrastructure. Synthea-style transaction bundles name resources by {@code urn:uuid:} fullUrls; those
 * prefixes are stripped so references and ids agree.
 */
public final class FhirMapper {

    private FhirMapper() {
    }

    /** The id of a resource: its own id, else the id part of the bundle entry's fullUrl. */
    public static String idOf(Resource resource, String fullUrl) {
        // HAPI fills the id from a urn:uuid fullUrl verbatim, so both paths go through stripReference.
        if (resource.getIdElement() != null && resource.getIdElement().getValue() != null) {
            return stripReference(resource.getIdElement().getValue());
        }
        return fullUrl == null ? null : stripReference(fullUrl);
    }

    /** "Patient/123", "urn:uuid:123", "http://x/fhir/Patient/123/_history/2" all give "123". */
    public static String stripReference(String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        String ref = reference.trim();
        if (ref.startsWith("urn:uuid:")) {
            return ref.substring("urn:uuid:".length());
        }
        int history = ref.indexOf("/_history");
        if (history >= 0) {
            ref = ref.substring(0, history);
        }
        int slash = ref.lastIndexOf('/');
        return slash >= 0 ? ref.substring(slash + 1) : ref;
    }

    public static PatientRecord patient(Patient patient, String id) {
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(patient.getNameFirstRep());
        String given = name.getGiven().isEmpty() ? null : name.getGiven().get(0).getValue();
        List<String> identifiers = patient.getIdentifier().stream()
                .filter(i -> i.hasValue())
                .map(i -> (i.hasSystem() ? i.getSystem() : "") + "|" + i.getValue())
                .toList();
        String language = patient.getCommunication().stream()
                .filter(c -> c.hasLanguage())
                .map(c -> c.getLanguage().getCodingFirstRep().getCode())
                .findFirst().orElse(null);
        boolean deceased = (patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType().booleanValue())
                || patient.hasDeceasedDateTimeType();
        String timezone = patient.getExtension().stream()
                .filter(e -> e.getUrl() != null && e.getUrl().endsWith("patient-timezone"))
                .map(e -> e.getValue().primitiveValue())
                .findFirst().orElse(null);
        return new PatientRecord(id, identifiers, given, name.getFamily(), telecom(patient, ContactPoint.ContactPointSystem.EMAIL),
                telecom(patient, ContactPoint.ContactPointSystem.PHONE),
                patient.hasBirthDate() ? patient.getBirthDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate() : null,
                patient.hasGender() ? patient.getGender().toCode() : null, language, timezone, deceased);
    }

    private static String telecom(Patient patient, ContactPoint.ContactPointSystem system) {
        return patient.getTelecom().stream()
                .filter(t -> t.getSystem() == system && t.hasValue())
                .map(ContactPoint::getValue)
                .findFirst().orElse(null);
    }

    /** Facts of a clinical resource, or empty for resource types segments do not use. */
    public static List<ClinicalFact> facts(Resource resource, String id) {
        if (resource instanceof Condition c) {
            return codings("Condition", id, c.getSubject(), c.getCode(),
                    c.hasClinicalStatus() ? c.getClinicalStatus().getCodingFirstRep().getCode() : null,
                    c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValue().toInstant()
                            : c.hasRecordedDate() ? c.getRecordedDate().toInstant() : null, null, 0);
        }
        if (resource instanceof Observation o) {
            return codings("Observation", id, o.getSubject(), o.getCode(), o.hasStatus() ? o.getStatus().toCode() : null,
                    o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue().toInstant()
                            : o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart()
                                    ? o.getEffectivePeriod().getStart().toInstant() : null,
                    o.hasValueQuantity() ? o : null, 0);
        }
        if (resource instanceof Procedure p) {
            return codings("Procedure", id, p.getSubject(), p.getCode(), p.hasStatus() ? p.getStatus().toCode() : null,
                    p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValue().toInstant()
                            : p.hasPerformedPeriod() && p.getPerformedPeriod().hasStart()
                                    ? p.getPerformedPeriod().getStart().toInstant() : null, null, 0);
        }
        if (resource instanceof Immunization i) {
            return codings("Immunization", id, i.getPatient(), i.getVaccineCode(),
                    i.hasStatus() ? i.getStatus().toCode() : null,
                    i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType().getValue().toInstant() : null, null, 0);
        }
        if (resource instanceof Encounter e) {
            List<ClinicalFact> facts = new ArrayList<>();
            for (CodeableConcept type : e.getType()) {
                facts.addAll(codings("Encounter", id, e.getSubject(), type, e.hasStatus() ? e.getStatus().toCode() : null,
                        e.hasPeriod() && e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : null,
                        null, facts.size()));
            }
            return facts;
        }
        if (resource instanceof MedicationRequest m && m.hasMedicationCodeableConcept()) {
            return codings("MedicationRequest", id, m.getSubject(), m.getMedicationCodeableConcept(),
                    m.hasStatus() ? m.getStatus().toCode() : null,
                    m.hasAuthoredOn() ? m.getAuthoredOn().toInstant() : null, null, 0);
        }
        return List.of();
    }

    private static List<ClinicalFact> codings(String type, String id, Reference subject, CodeableConcept code,
            String status, Instant effective, Observation quantity, int firstOrdinal) {
        String patientId = subject == null ? null : stripReference(subject.getReference());
        if (patientId == null || code == null) {
            return List.of();
        }
        var value = Optional.ofNullable(quantity).map(Observation::getValueQuantity);
        List<ClinicalFact> facts = new ArrayList<>();
        int ordinal = firstOrdinal;
        for (Coding coding : code.getCoding()) {
            if (coding.hasCode()) {
                facts.add(new ClinicalFact(type, id, ordinal++, patientId, coding.getSystem(), coding.getCode(), status,
                        effective, value.map(q -> q.getValue()).orElse(null), value.map(q -> q.getUnit()).orElse(null)));
            }
        }
        return facts;
    }
}
