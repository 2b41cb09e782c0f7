package org.patientoutreach.emails.feedback;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * A relay's notice about one email: the Message-ID this service gave it (never the recipient's address), what
 * happened, and when (now if absent).
 */
public record FeedbackRequest(
        @NotBlank @Size(max = 320) String messageId,
        @NotNull DeliveryFeedback type,
        @PastOrPresent Instant occurredAt) {
}
