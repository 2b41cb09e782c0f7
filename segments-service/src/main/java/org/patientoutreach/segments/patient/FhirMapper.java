package org.patientoutreach.segments.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Flattens FHIR R4 resources into {@link PatientRecord}s and {@link ClinicalFact}s. Pure: no I/O, so it is tested
 * without infrastructure. Synthea-style transaction bundles name resources by {@code urn:uuid:} fullUrls; those
 * prefixes are stripped so references and ids agree.
 */
public final class FhirMapper {

    /** The extension with which a source records the patient's consent to commercial email. */
    public static final String EMAIL_CONSENT = "https://patientoutreach.org/fhir/StructureDefinition/email-consent";

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
        String postalCode = patient.getAddress().stream().filter(a -> a.hasPostalCode())
                .map(a -> a.getPostalCode()).findFirst().orElse(null);
        Boolean emailConsent = patient.getExtension().stream()
                .filter(e -> EMAIL_CONSENT.equals(e.getUrl()) && e.getValue() instanceof BooleanType)
                .map(e -> ((BooleanType) e.getValue()).booleanValue())
                .findFirst().orElse(null);
        return new PatientRecord(id, identifiers, given, name.getFamily(), telecom(patient, ContactPoint.ContactPointSystem.EMAIL),
                telecom(patient, ContactPoint.ContactPointSystem.PHONE),
                birthDate(patient),
                patient.hasGender() ? patient.getGender().toCode() : null, language, timezone, postalCode, emailConsent,
                deceased);
    }

    /** The calendar date as written, whatever the JVM's zone; a year-only or year-month date counts from its start. */
    private static LocalDate birthDate(Patient patient) {
        if (!patient.hasBirthDate()) {
            return null;
        }
        DateType date = patient.getBirthDateElement();
        return LocalDate.of(date.getYear(), date.getMonth() == null ? 1 : date.getMonth() + 1,
                date.getDay() == null ? 1 : date.getDay());
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
            if (refuted(c)) {
                return List.of();
            }
            Instant onset = c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValue().toInstant()
                    : c.hasRecordedDate() ? c.getRecordedDate().toInstant() : null;
            Instant abated = c.hasAbatementDateTimeType() ? c.getAbatementDateTimeType().getValue().toInstant() : null;
            return codings(new Fact("Condition", id, c.getSubject(), code(c.getClinicalStatus()), onset, abated, null),
                    c.getCode(), null, 0);
        }
        if (resource instanceof Observation o) {
            return observation(o, id);
        }
        if (resource instanceof Procedure p) {
            Instant at = p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValue().toInstant()
                    : p.hasPerformedPeriod() ? start(p.getPerformedPeriod()) : null;
            Instant end = p.hasPerformedPeriod() ? end(p.getPerformedPeriod()) : null;
            return codings(new Fact("Procedure", id, p.getSubject(), p.hasStatus() ? p.getStatus().toCode() : null, at,
                    end, null), p.getCode(), null, 0);
        }
        if (resource instanceof Immunization i) {
            Instant at = i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType().getValue().toInstant() : null;
            return codings(new Fact("Immunization", id, i.getPatient(), i.hasStatus() ? i.getStatus().toCode() : null,
                    at, null, null), i.getVaccineCode(), null, 0);
        }
        if (resource instanceof Encounter e) {
            Fact fact = new Fact("Encounter", id, e.getSubject(), e.hasStatus() ? e.getStatus().toCode() : null,
                    e.hasPeriod() ? start(e.getPeriod()) : null, e.hasPeriod() ? end(e.getPeriod()) : null,
                    e.hasClass_() ? e.getClass_().getCode() : null);
            List<ClinicalFact> facts = new ArrayList<>();
            for (CodeableConcept type : e.getType()) {
                facts.addAll(codings(fact, type, null, facts.size()));
            }
            return facts;
        }
        if (resource instanceof MedicationRequest m && m.hasMedicationCodeableConcept()) {
            return codings(new Fact("MedicationRequest", id, m.getSubject(), m.hasStatus() ? m.getStatus().toCode() : null,
                    m.hasAuthoredOn() ? m.getAuthoredOn().toInstant() : null, null, null),
                    m.getMedicationCodeableConcept(), null, 0);
        }
        if (resource instanceof MedicationDispense d && d.hasMedicationCodeableConcept()) {
            return codings(new Fact("MedicationDispense", id, d.getSubject(), d.hasStatus() ? d.getStatus().toCode() : null,
                    d.hasWhenHandedOver() ? d.getWhenHandedOver().toInstant() : null, null, null),
                    d.getMedicationCodeableConcept(), null, 0);
        }
        if (resource instanceof Coverage cov) {
            return codings(new Fact("Coverage", id, cov.getBeneficiary(), cov.hasStatus() ? cov.getStatus().toCode() : null,
                    cov.hasPeriod() ? start(cov.getPeriod()) : null, cov.hasPeriod() ? end(cov.getPeriod()) : null, null),
                    cov.getType(), null, 0);
        }
        return List.of();
    }

    /**
     * An observation's own codings, and each component's codings with the component's value: a blood pressure
     * panel carries systolic and diastolic only as components.
     */
    private static List<ClinicalFact> observation(Observation o, String id) {
        Fact fact = new Fact("Observation", id, o.getSubject(), o.hasStatus() ? o.getStatus().toCode() : null,
                o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue().toInstant()
                        : o.hasEffectivePeriod() ? start(o.getEffectivePeriod()) : null,
                null, o.hasCategory() ? o.getCategoryFirstRep().getCodingFirstRep().getCode() : null);
        List<ClinicalFact> facts = new ArrayList<>(codings(fact, o.getCode(),
                o.hasValueQuantity() ? o.getValueQuantity() : null, 0));
        for (Observation.ObservationComponentComponent component : o.getComponent()) {
            facts.addAll(codings(fact, component.getCode(),
                    component.hasValueQuantity() ? component.getValueQuantity() : null, facts.size()));
        }
        return facts;
    }

    private static boolean refuted(Condition c) {
        String verification = code(c.getVerificationStatus());
        return "refuted".equals(verification) || "entered-in-error".equals(verification);
    }

    private static String code(CodeableConcept concept) {
        return concept == null || concept.isEmpty() ? null : concept.getCodingFirstRep().getCode();
    }

    private static Instant start(Period period) {
        return period.hasStart() ? period.getStart().toInstant() : null;
    }

    private static Instant end(Period period) {
        return period.hasEnd() ? period.getEnd().toInstant() : null;
    }

    /** What every coding of one resource shares. */
    private record Fact(String type, String id, Reference subject, String status, Instant effective, Instant ended,
            String category) {
    }

    private static List<ClinicalFact> codings(Fact fact, CodeableConcept code, Quantity value, int firstOrdinal) {
        String patientId = fact.subject() == null ? null : stripReference(fact.subject().getReference());
        if (patientId == null || code == null) {
            return List.of();
        }
        List<ClinicalFact> facts = new ArrayList<>();
        int ordinal = firstOrdinal;
        for (Coding coding : code.getCoding()) {
            if (coding.hasCode()) {
                facts.add(new ClinicalFact(fact.type(), fact.id(), ordinal++, patientId, coding.getSystem(),
                        coding.getCode(), fact.status(), fact.effective(), fact.ended(), fact.category(),
                        value == null ? null : value.getValue(), value == null ? null : value.getUnit()));
            }
        }
        return facts;
    }
}
