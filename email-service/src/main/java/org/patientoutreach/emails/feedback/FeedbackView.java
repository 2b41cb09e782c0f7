package org.patientoutreach.emails.feedback;

import java.time.Instant;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * The send a notice was about after it was handled: its feedback (the most severe so far) and whether this notice
 * changed anything. Ids only.
 */
public record FeedbackView(String requestId, String patientId, DeliveryFeedback feedback, Instant feedbackAt,
        boolean recorded) {
}
