package org.patientoutreach.triggers.match;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.schemas.InteractionType;
import org.patientoutreach.schemas.PatientInteraction;

/** An interaction as an EHR would report it, without a patient: what a test-fire matches the triggers against. */
public record SampleInteraction(
        @Schema(example = "CHECKED_IN") @NotNull InteractionType type,
        @Schema(example = "2026-11-27T09:30:00Z", description = "Defaults to now") Instant occurredAt,
        @Schema(example = "epic-prod") String source,
        @Schema(example = "Main Street Clinic") String facility,
        @Schema(example = "Ophthalmology") String department,
        String encounterId,
        @Schema(example = "{\"encounterClass\": \"AMB\", \"appointmentType\": \"follow-up\"}") @Size(max = 200)
        Map<String, String> attributes) {

    PatientInteraction toInteraction() {
        return PatientInteraction.newBuilder()
                .setInteractionId("test-fire").setPatientId("test-fire").setType(type)
                .setOccurredAt(occurredAt == null ? Instant.now() : occurredAt)
                .setSource(source).setFacility(facility).setDepartment(department).setEncounterId(encounterId)
                .setAttributes(attributes == null ? Map.of() : Map.copyOf(attributes))
                .build();
    }
}
