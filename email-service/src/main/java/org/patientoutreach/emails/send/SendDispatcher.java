package org.patientoutreach.emails.send;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateException;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.contact.PatientContact;
import org.patientoutreach.emails.engagement.EmailLinks;
import org.patientoutreach.emails.mail.MailSender;
import org.patientoutreach.emails.mail.OutgoingMail;
import org.patientoutreach.emails.personalization.RenderedEmail;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.template.EmailTemplate;
import org.patientoutreach.emails.template.TemplateService;

/**
 * Moves due sends from the queue to the SMTP server. Exactly one email per request id, also across a crash:
 * <ol>
 * <li>claim: a due row becomes SENDING with a lease, committed before any SMTP traffic ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas share the queue without sending a row twice);</li>
 * <li>send: render and hand off to SMTP, with the Message-ID {@code <requestId@domain>};</li>
 * <li>record: SENT (or FAILED, or back to the queue with backoff on a transient failure) with its delivery event.</li>
 * </ol>
 * A crash between 2 and 3 leaves a SENDING row whose lease runs out; it is then sent again, with the same
 * Message-ID. We chose at-least-once for that window (milliseconds wide): losing a care email silently is worse than
 * a rare duplicate, which mail systems that dedupe by Message-ID fold into one. Concurrency toward SMTP is bounded by
 * {@code emails.smtp-threads} and paced by {@code emails.smtp-rate-per-second}.
 */
@ApplicationScoped
public class SendDispatcher {

    private static final Logger LOG = Logger.getLogger(SendDispatcher.class);
    static final String SMTP_ERROR = "SMTP_ERROR";
    static final String SMTP_TRANSIENT = "smtp-transient";
    static final String RENDER_ERROR = "RENDER_ERROR";
    static final String HARD_BOUNCE = "HARD_BOUNCE";
    private static final int MAX_CLAIM = 200;

    private final SendService sends;
    private final TemplateService templates;
    private final EmailLinks links;
    private final MailSender mailSender;
    private final RetryPolicy retry;
    private final RateLimiter rateLimiter;
    private final Duration lease;
    private final String messageIdDomain;
    private final int concurrency;
    private final Semaphore slots;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService loop;
    private final ExecutorService workers;

    public SendDispatcher(SendService sends, TemplateService templates, EmailLinks links, MailSender mailSender,
            EmailsConfig config) {
        this.sends = sends;
        this.templates = templates;
        this.links = links;
        this.mailSender = mailSender;
        EmailsConfig.Dispatch dispatch = config.dispatch();
        this.retry = new RetryPolicy(dispatch.maxAttempts(), dispatch.initialBackoff(), dispatch.maxBackoff());
        this.rateLimiter = new RateLimiter(config.smtpRatePerSecond());
        this.lease = dispatch.lease();
        this.messageIdDomain = config.messageIdDomain();
        this.concurrency = config.smtpThreads();
        // Twice the SMTP threads: the next emails are rendered while the previous ones are on the wire.
        this.slots = new Semaphore(concurrency * 2);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.loop = Executors.newSingleThreadExecutor(named("send-dispatch", loader));
        this.workers = Executors.newFixedThreadPool(concurrency * 2, named("send-worker", loader));
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
                    List<String> claimed = QuarkusTransaction.requiringNew()
                            .call(() -> SendQueue.claim(free, Instant.now(), lease));
                    if (claimed.isEmpty()) {
                        slots.release();
                        break;
                    }
                    slots.acquire(claimed.size() - 1);
                    for (String requestId : claimed) {
                        workers.execute(() -> deliverAndRelease(requestId));
                    }
                    if (claimed.size() < free) {
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

    private void deliverAndRelease(String requestId) {
        try {
            deliver(requestId);
        } catch (RuntimeException e) {
            // The lease runs out and the row is retried: nothing is lost. Type only, no content.
            LOG.warnf("send request %s not completed: %s", requestId, e.getClass().getName());
        } finally {
            slots.release();
        }
    }

    void deliver(String requestId) {
        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> prepare(requestId));
        if (prepared == null) {
            return;
        }
        try {
            rateLimiter.acquire();
            mailSender.send(prepared.mail());
        } catch (MailSender.MailNotSentException e) {
            boolean again = retry.retry(e.getCause(), prepared.attempts());
            LOG.warnf("send request %s attempt %d failed at SMTP (%s)%s", requestId, prepared.attempts(),
                    e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName(),
                    again ? ", will retry" : "");
            QuarkusTransaction.requiringNew().run(() -> {
                if (again) {
                    SendQueue.retryLater(requestId, Instant.now().plus(retry.backoff(prepared.attempts())),
                            SMTP_TRANSIENT);
                } else if (RetryPolicy.isHardBounce(e.getCause())) {
                    Suppression.bounced(prepared.patientId(), Instant.now());
                    finishIfSending(requestId, SendStatus.FAILED, HARD_BOUNCE);
                } else {
                    finishIfSending(requestId, SendStatus.FAILED, SMTP_ERROR);
                }
            });
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the lease runs out and the row is sent after the restart
        }
        QuarkusTransaction.requiringNew().run(() -> finishIfSending(requestId, SendStatus.SENT, null));
    }

    /** Loads and checks a claimed send again, renders it; null when it ends here (suppressed since, or unrenderable). */
    private Prepared prepare(String requestId) {
        EmailSend send = EmailSend.findById(requestId);
        if (send == null || send.status != SendStatus.SENDING) {
            return null;
        }
        EmailTemplate template = sends.findTemplate(send.emailId);
        PatientContact contact = PatientContact.findById(send.patientId);
        Map<String, String> context = send.context();
        var blocked = sends.blockedFor(template, contact, context, send.commercial);
        if (blocked.isPresent()) {
            sends.finish(send, SendStatus.SUPPRESSED, blocked.get(), Instant.now());
            return null;
        }
        RenderedEmail email;
        String unsubscribeUrl = links.unsubscribeUrl(send.patientId, requestId);
        try {
            RenderedEmail rendered = templates.render(template,
                    templates.personalize(template, contact, context, unsubscribeUrl));
            email = links.tracked(rendered, send.patientId, requestId);
        } catch (TemplateException e) {
            LOG.warnf("send request %s: email %s could not be rendered", requestId, send.emailId);
            sends.finish(send, SendStatus.FAILED, RENDER_ERROR, Instant.now());
            return null;
        }
        send.messageId = "<" + requestId + "@" + messageIdDomain + ">";
        Map<String, String> headers = new HashMap<>(EmailLinks.listUnsubscribeHeaders(unsubscribeUrl));
        headers.put("Message-ID", send.messageId);
        return new Prepared(send.patientId, send.attempts, new OutgoingMail(contact.email, templates.fromAddress(template),
                templates.fromName(template), email, headers));
    }

    private void finishIfSending(String requestId, SendStatus status, String reason) {
        EmailSend send = EmailSend.findById(requestId);
        // Not SENDING any more: the lease ran out and another dispatcher took it over; its outcome counts.
        if (send != null && send.status == SendStatus.SENDING) {
            sends.finish(send, status, reason, Instant.now());
        }
    }

    private record Prepared(String patientId, int attempts, OutgoingMail mail) {
    }

    private static java.util.concurrent.ThreadFactory named(String prefix, ClassLoader loader) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        loop.shutdownNow();
        workers.shutdownNow();
    }
}
