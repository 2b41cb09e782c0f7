package org.patientoutreach.emails.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.patientoutreach.emails.EmailsConfig;

/** Hands one rendered email to the SMTP server, as HTML with a plain-text alternative when there is one. */
@ApplicationScoped
public class MailSender {

    private final Mailer mailer;
    /*
     * The Vert.x mail client schedules part of its work with executeBlocking on the caller's Vert.x context. Called
     * from an ordered @Blocking Kafka consumer or a REST worker, that work can queue behind the caller's own task and
     * the send waits for the mailer timeout. Threads without a Vert.x context avoid that.
     */
    private final ExecutorService smtpThreads;

    public MailSender(Mailer mailer, EmailsConfig config) {
        this.mailer = mailer;
        AtomicInteger count = new AtomicInteger();
        this.smtpThreads = Executors.newFixedThreadPool(config.smtpThreads(), r -> {
            Thread thread = new Thread(r, "smtp-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Blocks until the SMTP server accepted the message (bounded by quarkus.mailer.timeout); throws if it did not.
     * The exception's cause tells a transient refusal (4xx, connection trouble) from a permanent one.
     */
    public void send(OutgoingMail outgoing) {
        Mail mail = Mail.withHtml(outgoing.to(), outgoing.email().subject(), outgoing.email().htmlBody())
                .setFrom(from(outgoing));
        if (outgoing.email().textBody() != null) {
            mail.setText(outgoing.email().textBody());
        }
        outgoing.headers().forEach(mail::addHeader);
        try {
            smtpThreads.submit(() -> mailer.send(mail)).get();
        } catch (ExecutionException e) {
            throw new MailNotSentException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailNotSentException(e);
        }
    }

    /** RFC 5322 display name, quoted so a comma or a parenthesis in it cannot change the address. */
    private static String from(OutgoingMail outgoing) {
        if (outgoing.fromName() == null || outgoing.fromName().isBlank()) {
            return outgoing.fromAddress();
        }
        String name = outgoing.fromName().replaceAll("[\\r\\n\"\\\\]", " ");
        return "\"" + name + "\" <" + outgoing.fromAddress() + ">";
    }

    @PreDestroy
    void stop() {
        smtpThreads.shutdownNow();
    }

    /** The SMTP hand-off failed. Carries the cause's type only: SMTP errors may quote the recipient address. */
    public static class MailNotSentException extends RuntimeException {
        MailNotSentException(Throwable cause) {
            super("mail not sent: " + (cause == null ? "unknown" : cause.getClass().getName()), cause, false, false);
        }
    }
}
