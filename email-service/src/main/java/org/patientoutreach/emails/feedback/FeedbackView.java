package org.patientoutreach.emails.feedback;

import java.time.Instant;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * The send a notice was about, after it was handled: its feedback (the most severe so far) and whether this notice
 * changed anything. The relay learns nothing it did not know: no patient id.
 */
public record FeedbackView(String requestId, DeliveryFeedback feedback, Instant feedbackAt, boolean recorded) {
}
