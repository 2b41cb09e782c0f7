package org.patientoutreach.emails.feedback;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * A relay's notice about one email: the Message-ID this service gave it (never the recipient's address), what
 * happened, and when (now if absent; a time ahead of this service's clock counts as now).
 */
public record FeedbackRequest(
        @Schema(example = "<5f0c2a4e-8d1b-4c7e-9a57-1d2f3b4c5d6e@patientoutreach.local>")
        @NotBlank @Size(max = 320) String messageId,
        @Schema(example = "HARD_BOUNCE") @NotNull DeliveryFeedback type,
        @Schema(example = "2026-12-06T14:03:00Z") Instant occurredAt) {
}
