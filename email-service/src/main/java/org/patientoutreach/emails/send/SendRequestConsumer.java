package org.patientoutreach.emails.send;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Polls;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Turns each {@code emails.send-requested} record into one row of the send queue or one SUPPRESSED outcome; the
 * {@link SendDispatcher} sends queued rows. A whole Kafka poll is accepted in one transaction (rows and outcome events
 * together), and its offsets are committed after that: a record at a time, intake could not keep up with a campaign
 * and starved the sending (see the README's benchmark). No inbox marks: the send log is keyed by request id and
 * {@link SendService#acceptAll} skips the ids it holds, so a mark would only be a second write guarding the same thing.
 */
@ApplicationScoped
public class SendRequestConsumer {

    static final String CONSUMER = "email-service.send-requests";

    private final Polls polls;
    private final SendService sends;

    public SendRequestConsumer(Polls polls, SendService sends) {
        this.polls = polls;
        this.sends = sends;
    }

    @Incoming("send-requests")
    @Blocking
    public CompletionStage<Void> onPoll(KafkaRecordBatch<String, EmailSendRequested> batch) {
        // Keyed by requestId, which journeys derive from instance + step: a redelivery or a retried step sends nothing.
        polls.processKeyedByOwnTable(CONSUMER, batch, SendRequestConsumer::problemOf, EmailSendRequested::getRequestId,
                sends::acceptAll);
        return polls.done(batch);
    }

    /** Avro guarantees the fields are there, not that they are usable. Reasons name the field, never a value. */
    static String problemOf(EmailSendRequested request) {
        return request.getRequestId().isBlank() ? "requestId is blank" : null;
    }
}
