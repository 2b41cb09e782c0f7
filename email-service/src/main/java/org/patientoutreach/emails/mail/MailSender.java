package org.patientoutreach.emails.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.personalization.RenderedEmail;

/** Hands one rendered email to the SMTP server, as HTML with a plain-text alternative when there is one. */
@ApplicationScoped
public class MailSender {

    private final Mailer mailer;
    private final EmailsConfig config;
    /*
     * The Vert.x mail client schedules part of its work with executeBlocking on the caller's Vert.x context. Called
     * from an ordered @Blocking Kafka consumer, that work queues behind the consumer's own task and the send waits
     * for the mailer timeout. Threads without a Vert.x context avoid that.
     */
    private final ExecutorService smtpThreads;

    public MailSender(Mailer mailer, EmailsConfig config) {
        this.mailer = mailer;
        this.config = config;
        AtomicInteger count = new AtomicInteger();
        this.smtpThreads = Executors.newFixedThreadPool(config.smtpThreads(), r -> {
            Thread thread = new Thread(r, "smtp-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Blocks until the SMTP server accepted the message (bounded by quarkus.mailer.timeout); throws if it did not. */
    public void send(String to, RenderedEmail email) {
        send(to, email, Map.of());
    }

    /** As {@link #send(String, RenderedEmail)}, with extra mail headers (e.g. List-Unsubscribe). */
    public void send(String to, RenderedEmail email, Map<String, String> headers) {
        Mail mail = Mail.withHtml(to, email.subject(), email.htmlBody()).setFrom(config.from());
        if (email.textBody() != null) {
            mail.setText(email.textBody());
        }
        headers.forEach(mail::addHeader);
        try {
            smtpThreads.submit(() -> mailer.send(mail)).get();
        } catch (ExecutionException e) {
            throw new MailNotSentException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailNotSentException(e);
        }
    }

    @PreDestroy
    void stop() {
        smtpThreads.shutdownNow();
    }

    /** The SMTP hand-off failed. Carries the cause's type only: SMTP errors may quote the recipient address. */
    public static class MailNotSentException extends RuntimeException {
        MailNotSentException(Throwable cause) {
            super("mail not sent: " + (cause == null ? "unknown" : cause.getClass().getName()), null, false, false);
        }
    }
}
