package org.patientoutreach.emails.send;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.patientoutreach.commons.inbox.Polls;
import org.patientoutreach.schemas.EmailSendRequested;

/**
 * Turns each {@code emails.send-requested} record into one row of the send log: an email on its way to SMTP, one
 * queued for later (quiet hours, or no room among the emails in flight; the {@link SendDispatcher} claims those), or
 * a SUPPRESSED outcome. Due sends that fit the room a poll reserved skip the queue: rendered in the poll's
 * transaction and handed to the SMTP workers once it commits, so a campaign costs no claim per batch and waits in
 * Kafka, not in PostgreSQL, while the workers are busy. A whole Kafka poll is accepted in one transaction (rows and
 * outcome events together), and its offsets are committed after that: a record at a time, intake could not keep up
 * with a campaign and starved the sending (BENCHMARK.md). No inbox marks: the send log is keyed by
 * request id and {@link SendService#acceptAll} skips the ids it holds, so a mark would only be a second write
 * guarding the same thing.
 */
@ApplicationScoped
public class SendRequestConsumer {

    static final String CONSUMER = "email-service.send-requests";

    private final Polls polls;
    private final SendService sends;
    private final SendPreparer preparer;
    private final SendDispatcher dispatcher;

    public SendRequestConsumer(Polls polls, SendService sends, SendPreparer preparer, SendDispatcher dispatcher) {
        this.polls = polls;
        this.sends = sends;
        this.preparer = preparer;
        this.dispatcher = dispatcher;
    }

    @Incoming("send-requests")
    @Blocking
    public CompletionStage<Void> onPoll(KafkaRecordBatch<String, EmailSendRequested> batch) {
        // Keyed by requestId, which journeys derive from instance + step: a redelivery or a retried step sends nothing.
        try (SendDispatcher.Room room = dispatcher.reserve(batch.getRecords().size())) {
            polls.processKeyedByOwnTable(CONSUMER, batch, SendRequestConsumer::problemOf,
                    EmailSendRequested::getRequestId, requests -> accept(requests, room));
        }
        return polls.done(batch);
    }

    /** In the poll's transaction: sends due now that fit the room are rendered here and sent once it commits. */
    private void accept(List<EmailSendRequested> requests, SendDispatcher.Room room) {
        SendService.Accepted accepted = sends.acceptAll(requests, room.held());
        if (!accepted.takenOver().isEmpty()) {
            dispatcher.handOffAfterCommit(room, accepted.takenOver().size(), preparer.prepareTakenOver(accepted));
        }
    }

    /** Avro guarantees the fields are there, not that they are usable. Reasons name the field, never a value. */
    static String problemOf(EmailSendRequested request) {
        if (request.getRequestId().isBlank()) {
            return "requestId is blank";
        }
        var window = request.getSendWindow();
        return window == null ? null
                : SendWindow.problemOf(window.getDays(), window.getFromMinute(), window.getUntilMinute());
    }
}
