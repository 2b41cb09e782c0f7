package org.patientoutreach.commons.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A poll of records processed in one transaction, for consumers whose rate one transaction per record cannot keep
 * up with. Records the inbox has seen (a redelivery, or a second copy in the same poll) are skipped; a record that
 * cannot be used is nacked on its own, which the channel's dead-letter strategy sends to the DLQ with the reason,
 * and the poll goes on; if the poll's transaction fails, it is tried twice more after a pause (the database away for a
 * moment must not dead-letter a whole poll), then its records are retried one per transaction so that only
 * the culprit is dead-lettered. The offsets are committed once the poll is done.
 */
@ApplicationScoped
public class Polls {

    private static final Logger LOG = Logger.getLogger(Polls.class);
    /** A poll's transaction is tried this often, the pause doubling, before its records go one by one. */
    private static final int POLL_ATTEMPTS = 3;
    private static final long FIRST_PAUSE_MILLIS = 500;

    private final Inbox inbox;

    @Inject
    public Polls(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * @param problemOf the reason a record cannot be used (naming a field, never a value), or null
     * @param idOf the record's unique id, for the inbox
     * @param work applies the records seen for the first time, in poll order, inside the transaction
     * @return how many records were handed to {@code work}; ack the batch after
     */
    public <T> int process(String consumer, KafkaRecordBatch<String, T> batch, Function<T, String> problemOf,
            Function<T, String> idOf, Consumer<List<T>> work) {
        return process(consumer, batch, problemOf, idOf, work, true);
    }

    /**
     * {@link #process} without inbox marks, for a consumer whose own table is keyed by the record's id and whose
     * {@code work} skips the ids that table already holds: a mark would be a second write per record guarding the
     * same thing. A second copy within the poll is still dropped here, before {@code work} sees it.
     */
    public <T> int processKeyedByOwnTable(String consumer, KafkaRecordBatch<String, T> batch,
            Function<T, String> problemOf, Function<T, String> idOf, Consumer<List<T>> work) {
        return process(consumer, batch, problemOf, idOf, work, false);
    }

    private <T> int process(String consumer, KafkaRecordBatch<String, T> batch, Function<T, String> problemOf,
            Function<T, String> idOf, Consumer<List<T>> work, boolean marked) {
        List<KafkaRecord<String, T>> usable = new ArrayList<>();
        for (KafkaRecord<String, T> record : batch.getRecords()) {
            String problem = record.getPayload() == null ? "record has no value (tombstone or unreadable)"
                    : problemOf.apply(record.getPayload());
            if (problem == null) {
                usable.add(record);
            } else {
                deadLetter(record, new IllegalArgumentException(problem));
            }
        }
        if (usable.isEmpty()) {
            return 0;
        }
        RuntimeException pollFailed = null;
        long pauseMillis = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; attempt <= POLL_ATTEMPTS; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> firstSeen(consumer, usable, idOf, work, marked));
            } catch (RuntimeException e) {
                pollFailed = e;
                LOG.warnf("%s: a poll of %d records failed (%s), attempt %d of %d", consumer, usable.size(),
                        e.getClass().getSimpleName(), attempt, POLL_ATTEMPTS);
                if (attempt < POLL_ATTEMPTS && !pause(pauseMillis)) {
                    break;
                }
                pauseMillis *= 2;
            }
        }
        LOG.warnf("%s: retrying the poll's %d records one by one (%s)", consumer, usable.size(),
                pollFailed.getClass().getSimpleName());
        int done = 0;
        for (KafkaRecord<String, T> record : usable) {
            try {
                done += QuarkusTransaction.requiringNew()
                        .call(() -> firstSeen(consumer, List.of(record), idOf, work, marked));
            } catch (RuntimeException e) {
                deadLetter(record, new IllegalStateException("processing failed: " + e.getClass().getSimpleName()));
            }
        }
        return done;
    }

    /** False when interrupted (stopping): no more attempts of the whole poll. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Acknowledges the poll; the connector commits its offsets. */
    public CompletionStage<Void> done(KafkaRecordBatch<String, ?> batch) {
        return batch.ack();
    }

    private <T> int firstSeen(String consumer, List<KafkaRecord<String, T>> records, Function<T, String> idOf,
            Consumer<List<T>> work, boolean marked) {
        List<String> ids = records.stream().map(r -> idOf.apply(r.getPayload())).toList();
        Set<String> fresh = marked ? inbox.firstDeliveries(consumer, ids) : new HashSet<>(ids);
        List<T> first = new ArrayList<>(fresh.size());
        for (KafkaRecord<String, T> record : records) {
            if (fresh.remove(idOf.apply(record.getPayload()))) {
                first.add(record.getPayload());
            }
        }
        work.accept(first);
        return first.size();
    }

    /** Waits for the dead-letter send (the strategy acks the record after it), so the poll's ack comes later. */
    private static void deadLetter(KafkaRecord<String, ?> record, Exception reason) {
        record.nack(reason).toCompletableFuture().join();
    }
}
