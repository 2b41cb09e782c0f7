package org.patientoutreach.emails.send;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.concurrent.CoalescingWorker;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.mail.MailSender;

/**
 * Moves due sends from the queue to the SMTP server. Exactly one email per request id, also across a crash:
 * <ol>
 * <li>claim: a batch of due rows becomes SENDING with a lease, checked and rendered, committed before any SMTP
 * traffic ({@link SendPreparer}; {@code FOR UPDATE SKIP LOCKED}, so replicas share the queue without sending a row
 * twice);</li>
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
    /** Claimed but not yet recorded: enough for the next batch to be prepared while the previous one is sent. */
    private static final int IN_FLIGHT = 3 * MAX_CLAIM;

    private final SendPreparer preparer;
    private final SendOutcomes outcomes;
    private final MailSender mailSender;
    private final RateLimiter rateLimiter;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final CoalescingWorker loop;
    private final ExecutorService workers;

    public SendDispatcher(SendPreparer preparer, SendOutcomes outcomes, MailSender mailSender, EmailsConfig config) {
        this.preparer = preparer;
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
