package org.patientoutreach.segments.patient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.schemas.PatientProfile;
import org.patientoutreach.segments.patient.PatientStore.ResourceKey;

/**
 * Takes FHIR R4 in (a Bundle over REST, single resources from Kafka), stores patients and facts, and publishes each
 * patient's contact profile in the same transaction.
 */
@ApplicationScoped
public class FhirImporter {

    public static final String PROFILES_TOPIC = "patients.profiles";

    private final FhirContext fhir;
    private final PatientStore store;
    private final Outbox outbox;

    @Inject
    public FhirImporter(FhirContext fhir, PatientStore store, Outbox outbox) {
        this.fhir = fhir;
        this.store = store;
        this.outbox = outbox;
    }

    /** Summary of one import. */
    public record ImportResult(int patients, int resources, int facts, java.util.Set<String> patientIds) {
    }

    @Transactional
    public ImportResult importBundle(String json) {
        Bundle bundle = parse(json, Bundle.class, "body");
        Map<String, PatientRecord> patients = new LinkedHashMap<>();
        List<ResourceKey> resources = new ArrayList<>();
        List<ClinicalFact> facts = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!entry.hasResource()) {
                continue;
            }
            Resource resource = entry.getResource();
            String id = FhirMapper.idOf(resource, entry.getFullUrl());
            if (id == null) {
                throw ProblemException.badField("entry[" + bundle.getEntry().indexOf(entry) + "].resource.id",
                        "a resource needs an id or a fullUrl");
            }
            if (resource instanceof Patient patient) {
                patients.put(id, FhirMapper.patient(patient, id));
            } else {
                List<ClinicalFact> resourceFacts = FhirMapper.facts(resource, id);
                if (!resourceFacts.isEmpty()) {
                    resources.add(new ResourceKey(resource.fhirType(), id));
                    facts.addAll(resourceFacts);
                }
            }
        }
        store.upsertPatients(patients.values());
        store.replaceFacts(resources, facts);
        patients.values().forEach(this::publishProfile);
        java.util.Set<String> touched = new java.util.LinkedHashSet<>(patients.keySet());
        facts.forEach(f -> touched.add(f.patientId()));
        return new ImportResult(patients.size(), resources.size() + patients.size(), facts.size(), touched);
    }

    /** Applies one resource change from an EHR feed. */
    @Transactional
    public void apply(String resourceType, String resourceId, boolean delete, String json) {
        ResourceKey key = new ResourceKey(resourceType, resourceId);
        if (delete) {
            store.deleteResource(key);
            return;
        }
        Resource resource = (Resource) parse(json, null, "resource");
        if (!resource.fhirType().equals(resourceType)) {
            throw ProblemException.badField("resourceType", "does not match the resource");
        }
        resource.setId(resourceId);
        if (resource instanceof Patient patient) {
            PatientRecord record = FhirMapper.patient(patient, resourceId);
            store.upsertPatients(List.of(record));
            publishProfile(record);
        } else {
            store.replaceFacts(List.of(key), FhirMapper.facts(resource, resourceId));
        }
    }

    private <T extends IBaseResource> T parse(String json, Class<T> type, String field) {
        if (json == null || json.isBlank()) {
            throw ProblemException.badField(field, "must be FHIR R4 JSON");
        }
        // Strict: a malformed record is refused whole rather than half-read, and the lenient handler's warnings
        // would quote patient data into the log.
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        try {
            @SuppressWarnings("unchecked")
            T resource = type == null ? (T) parser.parseResource(json) : parser.parseResource(type, json);
            return resource;
        } catch (DataFormatException | ClassCastException e) {
            // HAPI's message can quote the offending content, which may be PHI: never pass it on.
            throw ProblemException.badField(field, type == null ? "is not a valid FHIR R4 resource"
                    : "is not a valid FHIR R4 " + type.getSimpleName());
        }
    }

    private void publishProfile(PatientRecord p) {
        outbox.publish(PROFILES_TOPIC, p.id(), profile(p));
    }

    /** The contact profile other services receive on {@code patients.profiles}. */
    public static PatientProfile profile(PatientRecord p) {
        return PatientProfile.newBuilder()
                .setPatientId(p.id())
                .setIdentifiers(p.identifiers())
                .setGivenName(p.givenName())
                .setFamilyName(p.familyName())
                .setEmail(p.email())
                .setPhone(p.phone())
                .setBirthDate(p.birthDate())
                .setGender(p.gender())
                .setLanguage(p.language())
                .setTimezone(p.timezone())
                .setDeceased(p.deceased())
                .setEmailConsent(p.emailConsent())
                .setUpdatedAt(Instant.now())
                .build();
    }
}
