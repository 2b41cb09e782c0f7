package org.patientoutreach.triggers.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.schemas.FhirResourceChanged;
import org.patientoutreach.schemas.ResourceOperation;
import org.patientoutreach.triggers.intake.InteractionPublisher;

/**
 * Encounters on ehr.fhir-resources become interactions on ehr.patient-interactions (acknowledged before the offset
 * moves on). Other resource types and deletions are not interactions and are skipped; an Encounter that cannot be
 * mapped throws and lands on ehr.fhir-resources.trigger-service.dlq, as received, with the reason.
 */
@ApplicationScoped
public class EncounterConsumer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InteractionPublisher publisher;

    public EncounterConsumer(InteractionPublisher publisher) {
        this.publisher = publisher;
    }

    @Incoming("fhir-resources")
    @Blocking
    public void consume(FhirResourceChanged change) {
        if (change == null) {
            throw new IllegalArgumentException("record has no value (tombstone or unreadable)");
        }
        if (!"Encounter".equals(change.getResourceType()) || change.getOperation() == ResourceOperation.DELETE) {
            return;
        }
        if (change.getResource() == null) {
            throw new IllegalArgumentException("Encounter " + change.getResourceId() + " UPSERT carries no resource");
        }
        try {
            publisher.publish(EncounterMapper.map(JSON.readTree(change.getResource()), change.getPatientId(), "fhir-kafka"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Encounter " + change.getResourceId() + " is not JSON");
        } catch (InvalidEncounter e) {
            throw new IllegalArgumentException("Encounter " + change.getResourceId() + " " + e.getMessage());
        }
    }
}
