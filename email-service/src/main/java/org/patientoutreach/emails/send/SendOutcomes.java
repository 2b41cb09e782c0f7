package org.patientoutreach.emails.send;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.metrics.EmailMetrics;
import org.patientoutreach.emails.mail.HandOver;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.suppression.SuppressionReason;
import org.patientoutreach.schemas.DeliveryEventType;
import org.patientoutreach.schemas.EmailDeliveryEvent;

/**
 * Records what SMTP made of each handed-off email, and the hand-over marks, in batches: whatever has gathered is
 * committed in one transaction (the marks in one statement, the SENT rows in another, their delivery events in one
 * outbox batch). A send still SENDING is
 * recorded; one that is not (its lease ran out and another dispatcher took it over) keeps that dispatcher's outcome.
 * Transient failures go back to the queue with backoff, permanent ones are FAILED, hard bounces also suppress.
 */
@ApplicationScoped
public class SendOutcomes {

    static final String SMTP_ERROR = "SMTP_ERROR";
    static final String SMTP_TRANSIENT = "smtp-transient";
    static final String HARD_BOUNCE = "HARD_BOUNCE";
    private static final int MAX_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(SendOutcomes.class);

    private final SendService sends;
    private final Outbox outbox;
    private final EmailMetrics metrics;
    private final RetryPolicy retry;
    private final BlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
    private final ExecutorService recorder;
    /** One permit per email whose dot may be written while its hand-over mark is not committed. */
    private final Semaphore unrecordedHandOvers;
    private final long lingerNanos;
    private final int maxUnrecordedHandOvers;

    public SendOutcomes(SendService sends, Outbox outbox, EmailsConfig config, EmailMetrics metrics) {
        this.sends = sends;
        this.metrics = metrics;
        this.outbox = outbox;
        EmailsConfig.Dispatch dispatch = config.dispatch();
        this.retry = new RetryPolicy(dispatch.maxAttempts(), dispatch.initialBackoff(), dispatch.maxBackoff());
        this.maxUnrecordedHandOvers = dispatch.maxUnrecordedHandOvers();
        this.unrecordedHandOvers = new Semaphore(maxUnrecordedHandOvers);
        this.lingerNanos = dispatch.recordLinger().toNanos();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.recorder = Executors.newSingleThreadExecutor(SendThreads.named("send-outcomes", loader));
        recorder.execute(this::recordLoop);
    }

    /**
     * The hand-over of one send: before its dot, it waits for room among the unrecorded hand-overs (so a crash sends at
     * most {@code emails.dispatch.max-unrecorded-hand-overs} emails twice, however far the recorder lags); after it,
     * the mark is queued for the recorder while the SMTP worker goes on to read the server's reply. Marks and outcomes
     * share one queue and one thread: a mark always commits no later than its outcome, and two batches never wait on
     * each other's row locks. (A second thread writing the marks was tried: 59 sends of a 20,000 run stayed SENDING
     * until their lease ran out, most likely a deadlock between the two writers; the log that would tell was not
     * kept.)
     */
    HandOver handOverOf(Prepared send) {
        return new HandOver() {
            @Override
            public void beforeDot() throws InterruptedIOException {
                try {
                    if (!unrecordedHandOvers.tryAcquire()) {
                        metrics.handOverWaited();
                        unrecordedHandOvers.acquire();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stopping before the hand-over");
                }
            }

            @Override
            public void proceed() {
                pending.add(new HandedOver(new SendQueue.HandOver(send.requestId(), send.attempts(), Instant.now())));
            }

            @Override
            public void notWritten() {
                unrecordedHandOvers.release();
            }
        };
    }

    /**
     * Queues an outcome; {@code failure} is null when SMTP accepted the email. {@code recorded} runs once the outcome
     * is committed, or once committing it failed (the lease then brings the send back).
     */
    void add(Prepared send, Throwable failure, Runnable recorded) {
        pending.add(new Outcome(send, failure, recorded));
    }

    /** Whether a failure is worth another attempt, for the log line the dispatcher writes. */
    boolean willRetry(Prepared send, Throwable failure) {
        return retry.retry(failure, send.attempts());
    }

    /**
     * Commits what has gathered, or what gathers within {@code emails.dispatch.record-linger} of the first entry (cut
     * short by {@link #roomRunningOut}), in one transaction. A commit costs PostgreSQL about as much as the statements
     * in it: without a linger the recorder keeps up so closely that it commits 5 to 6 emails at a time (about 38,000
     * commits for 200,000 emails in the benchmark; 22,000 to 25,000 with the default 10 ms).
     */
    private void recordLoop() {
        List<Entry> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                batch.add(pending.take());
                gather(pending, batch, MAX_BATCH, lingerNanos,
                        () -> roomRunningOut(unrecordedHandOvers, maxUnrecordedHandOvers));
                try {
                    QuarkusTransaction.requiringNew().run(() -> record(batch));
                } catch (RuntimeException e) {
                    // Rows stay SENDING until their lease ends, then go out again: nothing is lost. Type only.
                    LOG.warnf("%d send outcome(s) and hand-over mark(s) not recorded: %s", batch.size(),
                            e.getClass().getName());
                } finally {
                    recorded(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the linger ends now for the room among the unrecorded hand-overs: once a third of it is taken, so the
     * SMTP workers have the rest to go on with while the batch commits (about 6 ms a batch on two busy cores), or once
     * a worker already waits. Ending it only when a worker waited, as until the fourteenth round, stalled the workers
     * at every commit and made a linger cost more than it saved; ending it at half stalled them less, at a third or a
     * quarter hardly at all, and a third kept more of the saving (BENCHMARK.md, fourteenth round).
     */
    static boolean roomRunningOut(Semaphore unrecorded, int ceiling) {
        return unrecorded.availablePermits() <= ceiling - ceiling / 3 || unrecorded.hasQueuedThreads();
    }

    /**
     * Adds to {@code batch} what {@code pending} holds, then waits in slices of a millisecond (one wake-up each, not
     * one per entry) for more until the linger is over, the batch holds {@code max}, or {@code commitNow} says so.
     */
    static <T> void gather(BlockingQueue<T> pending, List<T> batch, int max, long lingerNanos,
            BooleanSupplier commitNow) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        pending.drainTo(batch, max - batch.size());
        while (deadline - System.nanoTime() > 0 && batch.size() < max && !commitNow.getAsBoolean()) {
            Thread.sleep(1);
            pending.drainTo(batch, max - batch.size());
        }
    }

    private void record(List<Entry> batch) {
        Instant now = Instant.now();
        List<Prepared> sent = new ArrayList<>();
        List<SendQueue.HandOver> handedOver = new ArrayList<>();
        for (Entry entry : batch) {
            if (entry instanceof HandedOver mark) {
                handedOver.add(mark.attempt());
            } else if (entry instanceof Outcome outcome && outcome.failure() == null) {
                sent.add(outcome.send());
            }
        }
        // A mark whose SENT commits in the same transaction would be overwritten unseen: one row update less each.
        Set<String> sentNow = new HashSet<>(sent.stream().map(Prepared::requestId).toList());
        handedOver.removeIf(mark -> sentNow.contains(mark.requestId()));
        if (!handedOver.isEmpty()) {
            SendQueue.handedOver(handedOver);
        }
        for (Entry entry : batch) {
            if (entry instanceof Outcome outcome && outcome.failure() != null) {
                recordFailure(outcome.send(), outcome.failure(), now);
            }
        }
        if (sent.isEmpty()) {
            return;
        }
        Set<String> marked = new HashSet<>(SendQueue.markSent(sent.stream().map(Prepared::requestId).toList(), now));
        metrics.outcomes(SendStatus.SENT.name(), null, marked.size());
        publish(sent.stream().filter(s -> marked.contains(s.requestId()))
                .map(s -> EmailSend.deliveryEvent(s.requestId(), s.emailId(), s.patientId(), s.journeyId(),
                        s.instanceId(), DeliveryEventType.SENT, null, null, now))
                .toList());
    }

    /**
     * Sends a stopped dispatcher left after their point of no return become SENT, with their delivery events, in the
     * caller's transaction; returns how many.
     */
    int finishHandedOver(Instant now) {
        List<EmailSend> finished = SendQueue.finishHandedOver(now);
        metrics.outcomes(SendStatus.SENT.name(), null, finished.size());
        publish(finished.stream().map(s -> s.event(DeliveryEventType.SENT, null, null, s.sentAt)).toList());
        return finished.size();
    }

    private void recordFailure(Prepared send, Throwable failure, Instant now) {
        if (retry.retry(failure, send.attempts())) {
            SendQueue.retryLater(send.requestId(), now.plus(retry.backoff(send.attempts())), SMTP_TRANSIENT);
        } else if (RetryPolicy.isHardBounce(failure)) {
            Suppression.addUnlessListed(send.patientId(), SuppressionReason.BOUNCED, now);
            finishIfSending(send.requestId(), HARD_BOUNCE, now);
        } else {
            finishIfSending(send.requestId(), SMTP_ERROR, now);
        }
    }

    private void finishIfSending(String requestId, String reason, Instant now) {
        EmailSend send = EmailSend.findById(requestId);
        if (send != null && send.status == SendStatus.SENDING) {
            sends.finish(send, SendStatus.FAILED, reason, now);
        }
    }

    /** Delivery events are keyed by patient; a patient's events keep their order on the partition. */
    private void publish(List<EmailDeliveryEvent> events) {
        outbox.publishInOrder(SendService.DELIVERY_TOPIC, events, EmailDeliveryEvent::getPatientId);
    }

    @PreDestroy
    void stop() {
        recorder.shutdownNow();
    }

    /** After a batch's commit, or its failure (the lease then brings its sends back): the callbacks, and room. */
    private void recorded(List<Entry> batch) {
        int marks = 0;
        for (Entry entry : batch) {
            if (entry instanceof Outcome outcome) {
                outcome.recorded().run();
            } else {
                marks++;
            }
        }
        unrecordedHandOvers.release(marks);
    }

    /** What the recorder commits. */
    private sealed interface Entry permits HandedOver, Outcome {
    }

    private record HandedOver(SendQueue.HandOver attempt) implements Entry {
    }

    private record Outcome(Prepared send, Throwable failure, Runnable recorded) implements Entry {
    }
}
