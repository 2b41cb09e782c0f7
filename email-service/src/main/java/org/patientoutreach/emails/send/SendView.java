package org.patientoutreach.emails.send;

import java.time.Instant;

/** One entry of the send log: ids, outcome and times, never an address or content. */
public record SendView(String requestId, String emailId, String patientId, String journeyId, String instanceId,
        String stepId, SendStatus status, String reason, Instant createdAt, Instant sentAt) {

    static SendView of(EmailSend s) {
        return new SendView(s.requestId, s.emailId, s.patientId, s.journeyId, s.instanceId, s.stepId, s.status,
                s.reason, s.createdAt, s.sentAt);
    }
}
