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
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
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
 * A crash between 2 and 3 leaves a SENDING row whose lease runs out; it is then sent again, with the same
 * Message-ID. We chose at-least-once for that window (milliseconds wide): losing a care email silently is worse than
 * a rare duplicate, which mail systems that dedupe by Message-ID fold into one. Concurrency toward SMTP is bounded by
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
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService loop;
    private final ExecutorService workers;

    public SendDispatcher(SendPreparer preparer, SendOutcomes outcomes, MailSender mailSender, EmailsConfig config) {
        this.preparer = preparer;
        this.outcomes = outcomes;
        this.mailSender = mailSender;
        this.rateLimiter = new RateLimiter(config.smtpRatePerSecond());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.loop = Executors.newSingleThreadExecutor(SendThreads.named("send-dispatch", loader));
        this.workers = Executors.newFixedThreadPool(config.smtpThreads(), SendThreads.named("send-worker", loader));
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) SendQueued queued) {
        wake();
    }

    /** The safety net: deferred sends that came due, retries, and leases a crashed dispatcher left behind. */
    @Scheduled(every = "${emails.dispatch.poll-every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        int released = QuarkusTransaction.requiringNew().call(() -> SendQueue.releaseExpiredLeases(Instant.now()));
        if (released > 0) {
            LOG.infof("%d send(s) left unfinished by a stopped dispatcher are queued again", released);
        }
        wake();
    }

    public void wake() {
        again.set(true);
        if (draining.compareAndSet(false, true)) {
            loop.execute(this::drainLoop);
        }
    }

    private void drainLoop() {
        try {
            while (again.getAndSet(false)) {
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
                        break; // a short claim: nothing else is due right now
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            StackTraceElement origin = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.warnf("send dispatch paused until the next poll: %s at %s", e.getClass().getName(), origin);
        } finally {
            draining.set(false);
        }
    }

    /** Hands one email to SMTP; its slot is freed once the outcome is recorded. */
    private void deliver(Prepared send) {
        try {
            rateLimiter.acquire();
            mailSender.send(send.mail());
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
        loop.shutdownNow();
        workers.shutdownNow();
    }
}
