package org.patientoutreach.emails.send;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Turns each {@code emails.send-requested} record into one row of the send queue or one SUPPRESSED outcome; the
 * {@link SendDispatcher} sends queued rows. Records are handed over in parallel on the {@code send-intake} worker
 * pool (bounded in application.properties) and committed in batches by {@link SendIntake}: the inbox mark and the
 * row commit together, and the record is acknowledged only after that commit.
 */
@ApplicationScoped
public class SendRequestConsumer {

    static final String CONSUMER = "email-service.send-requests";

    private final SendIntake intake;

    public SendRequestConsumer(SendIntake intake) {
        this.intake = intake;
    }

    @Incoming("send-requests")
    @Blocking(value = "send-intake", ordered = false)
    public void onSendRequested(EmailSendRequested request) throws InterruptedException {
        if (request == null) {
            throw new IllegalArgumentException("unreadable send request"); // a poison record: to the dead-letter topic
        }
        intake.accept(request);
    }
}
