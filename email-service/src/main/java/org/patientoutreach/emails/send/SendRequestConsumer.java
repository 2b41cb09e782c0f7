package org.patientoutreach.emails.send;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Inbox;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Turns each {@code emails.send-requested} record into one row of the send queue or one SUPPRESSED outcome; the
 * {@link SendDispatcher} sends queued rows. Records are accepted in parallel on the {@code send-intake} worker pool
 * (bounded in application.properties); the SMTP round trip is not part of accepting, so the consumer keeps up.
 */
@ApplicationScoped
public class SendRequestConsumer {

    static final String CONSUMER = "email-service.send-requests";

    private final Inbox inbox;
    private final SendService sendService;

    public SendRequestConsumer(Inbox inbox, SendService sendService) {
        this.inbox = inbox;
        this.sendService = sendService;
    }

    @Incoming("send-requests")
    @Blocking(value = "send-intake", ordered = false)
    @Transactional
    public void onSendRequested(EmailSendRequested request) {
        // Keyed by requestId, which journeys derive from instance + step: a redelivery or a retried step sends nothing.
        if (!inbox.firstDelivery(CONSUMER, request.getRequestId())) {
            return;
        }
        sendService.accept(request);
    }
}
