package org.patientoutreach.events.invitation;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record InvitationView(
        @Schema(description = "The patient's registration link: POST to it to register") String url,
        @Schema(description = "The signed token inside url, for front ends that build their own link") String token,
        Instant expiresAt) {
}
