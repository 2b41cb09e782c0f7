package org.patientoutreach.events.invitation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Invites one patient, identified by the FHIR Patient id of the source system ('|' separates a link's parts). */
public record InvitationRequest(
        @Schema(example = "b9f1c2e4-5d6a-4c3b-9e8f-1a2b3c4d5e6f") @NotBlank @Size(max = 128)
        @Pattern(regexp = "[^|]*", message = "must not contain |") String patientId) {
}
