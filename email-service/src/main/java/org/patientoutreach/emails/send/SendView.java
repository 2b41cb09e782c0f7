package org.patientoutreach.emails.send;

import java.time.Instant;

/** One entry of the send log: ids, outcome and times, never an address or content. */
public record SendView(String requestId, String emailId, String patientId, String journeyId, String instanceId,
        String stepId, boolean commercial, SendStatus status, String reason, int attempts, Instant createdAt,
        Instant dueAt, Instant sentAt, Instant openedAt, Instant clickedAt, DeliveryFeedback feedback,
        Instant feedbackAt) {

    static SendView of(EmailSend s) {
        return new SendView(s.requestId, s.emailId, s.patientId, s.journeyId, s.instanceId, s.stepId, s.commercial,
                s.status, s.reason, s.attempts, s.createdAt, s.dueAt, s.sentAt, s.openedAt, s.clickedAt, s.feedback,
                s.feedbackAt);
    }
}
