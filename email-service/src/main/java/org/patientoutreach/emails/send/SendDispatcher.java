package org.patientoutreach.emails.send;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.concurrent.CoalescingWorker;
import org.patientoutreach.commons.tx.AfterCommit;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.mail.MailSender;

/**
 * Moves due sends from the queue to the SMTP server. Exactly one email per request id, also across a crash:
 * <ol>
 * <li>claim: a batch of due rows becomes SENDING with a lease, checked and rendered, committed before any SMTP
 * traffic ({@link SendPreparer}; {@code FOR UPDATE SKIP LOCKED}, so replicas share the queue without sending a row
 * twice). Sends due when they arrive, while there is room, are inserted in that state by the intake itself and never
 * claimed ({@link #reserve});</li>
 * <li>send: each email goes to SMTP on a kept-open connection, with the Message-ID {@code <requestId@domain>};</li>
 * <li>record: SENT (or FAILED, or back to the queue with backoff on a transient failure) with its delivery event,
 * committed in batches ({@link SendOutcomes}).</li>
 * </ol>
 * Step 2 records its point of no return: right after the terminating dot of DATA is written (the one thing that makes
 * the server deliver) and before the server's reply, the row's hand-over mark is queued for the outcome recorder,
 * which commits it with the batch it writes next ({@link SendOutcomes#handOverOf}). A crash leaves a SENDING row whose
 * lease runs out: marked, the server has the email, so it becomes SENT without a second copy; unmarked, it is sent
 * again (at-least-once: losing a care email silently is worse than a duplicate), with the same Message-ID. The
 * duplicate window is the gap between the dot's write and that batch's commit, and at most
 * {@code emails.dispatch.max-unrecorded-hand-overs} emails are inside it at a time: a worker waits for room before
 * writing a dot. (Marking before the dot was tried: on
 * a loaded machine the gap between the mark's commit and the dot's write held 5 of 15 marked emails at a kill -9,
 * and those were lost. A transaction of its own per mark was tried too: it cost more CPU than rendering and sending
 * the email.) Concurrency toward SMTP is bounded by
 * {@code emails.smtp-threads} and paced by {@code emails.smtp-rate-per-second}.
 */
@ApplicationScoped
public class SendDispatcher {

    private static final Logger LOG = Logger.getLogger(SendDispatcher.class);
    private static final int MAX_CLAIM = 100;
    /**
     * Claimed or taken over but not yet recorded: room for a whole intake poll (500 records) to be prepared while
     * the one before is sent; 0.4 to 1.2 s of sending at the 830 to 2,600 emails/s measured (BENCHMARK.md).
     */
    private static final int IN_FLIGHT = 1000;

    private final SendPreparer preparer;
    private final SendOutcomes outcomes;
    private final MailSender mailSender;
    private final RateLimiter rateLimiter;
    /** Fair: an intake poll waiting for many slots is not starved by claims taking them one by one. */
    private final Semaphore slots = new Semaphore(IN_FLIGHT, true);
    private final Duration intakeWait;
    private final TransactionSynchronizationRegistry transactions;
    private final CoalescingWorker loop;
    private final ExecutorService workers;

    public SendDispatcher(SendPreparer preparer, SendOutcomes outcomes, MailSender mailSender, EmailsConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.preparer = preparer;
        this.transactions = transactions;
        this.intakeWait = config.dispatch().intakeWait();
        this.outcomes = outcomes;
        this.mailSender = mailSender;
        this.rateLimiter = new RateLimiter(config.smtpRatePerSecond());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.loop = new CoalescingWorker("send-dispatch", loader, this::dispatch);
        this.workers = Executors.newFixedThreadPool(config.smtpThreads(), SendThreads.named("send-worker", loader));
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) SendQueued queued) {
        wake();
    }

    /** The safety net: deferred sends that came due, retries, and leases a crashed dispatcher left behind. */
    @Scheduled(every = "${emails.dispatch.poll-every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        Instant now = Instant.now();
        int released = QuarkusTransaction.requiringNew().call(() -> SendQueue.releaseExpiredLeases(now));
        if (released > 0) {
            LOG.infof("%d send(s) a stopped dispatcher left before their hand-over are queued again", released);
        }
        int finished = QuarkusTransaction.requiringNew().call(() -> outcomes.finishHandedOver(now));
        if (finished > 0) {
            LOG.infof("%d send(s) a stopped dispatcher handed over to SMTP are recorded as sent", finished);
        }
        wake();
    }

    public void wake() {
        loop.wake();
    }

    /**
     * Room for an intake poll's sends that are due now: they skip the queue's claim and go from the intake's
     * transaction straight to the SMTP workers ({@link #handOffAfterCommit}). Waits up to
     * {@code emails.dispatch.intake-wait} for slots, for the whole poll or half of all slots, whichever is fewer, then
     * takes up to {@code wanted}; so a campaign's backlog stays in Kafka while the workers are busy rather than in
     * PostgreSQL. Empty when the wait runs out: the poll's sends are queued as before.
     */
    Room reserve(int wanted) {
        int first = Math.min(wanted, IN_FLIGHT / 2);
        try {
            if (first <= 0 || !slots.tryAcquire(first, intakeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Room(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Room(0);
        }
        int more = Math.min(wanted - first, slots.availablePermits());
        return new Room(more > 0 && slots.tryAcquire(more) ? first + more : first);
    }

    /**
     * Once the caller's transaction commits, the taken-over sends it prepared go to the SMTP workers, each keeping
     * its slot until its outcome is recorded; those that ended before SMTP (suppressed, unrenderable) free theirs. On
     * a rollback the room keeps its slots for the retry.
     */
    void handOffAfterCommit(Room room, int takenOver, List<Prepared> ready) {
        AfterCommit.run(transactions, () -> {
            room.held -= takenOver;
            slots.release(takenOver - ready.size());
            ready.forEach(send -> workers.execute(() -> deliver(send)));
        });
    }

    /** Slots an intake poll holds; those it did not use go back when it closes. */
    final class Room implements AutoCloseable {
        private int held;

        private Room(int held) {
            this.held = held;
        }

        int held() {
            return held;
        }

        @Override
        public void close() {
            slots.release(held);
            held = 0;
        }
    }

    /** Claims and hands over due sends until a claim comes back short: nothing else is due right now. */
    private void dispatch() {
        try {
            while (true) {
                slots.acquire(); // at least one free slot; only this thread takes slots, so more stay free
                int free = Math.min(MAX_CLAIM, slots.availablePermits() + 1);
                slots.acquire(free - 1);
                SendPreparer.Claim claim;
                try {
                    claim = QuarkusTransaction.requiringNew().call(() -> preparer.claim(free));
                } catch (RuntimeException e) {
                    slots.release(free);
                    throw e;
                }
                slots.release(free - claim.ready().size()); // each email on its way to SMTP keeps its slot
                for (Prepared send : claim.ready()) {
                    workers.execute(() -> deliver(send));
                }
                if (claim.claimed() < free) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands one email to SMTP; its slot is freed once the outcome is recorded. */
    private void deliver(Prepared send) {
        try {
            rateLimiter.acquire();
            mailSender.send(send.mail(), outcomes.handOverOf(send));
            outcomes.add(send, null, slots::release);
        } catch (MailSender.MailNotSentException e) {
            Throwable cause = e.getCause();
            LOG.warnf("send request %s attempt %d failed at SMTP (%s)%s", send.requestId(), send.attempts(),
                    cause == null ? "unknown" : cause.getClass().getSimpleName(),
                    outcomes.willRetry(send, cause) ? ", will retry" : "");
            outcomes.add(send, cause, slots::release);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slots.release(); // shutting down: the lease runs out and the row is sent after the restart
        } catch (RuntimeException e) {
            // The lease runs out and the row is retried: nothing is lost. Type only, no content.
            LOG.warnf("send request %s not completed: %s", send.requestId(), e.getClass().getName());
            slots.release();
        }
    }

    @PreDestroy
    void stop() {
        loop.close();
        workers.shutdownNow();
    }
}
