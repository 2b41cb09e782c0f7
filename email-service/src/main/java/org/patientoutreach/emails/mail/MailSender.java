package org.patientoutreach.emails.mail;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.personalization.RenderedEmail;

/**
 * Hands one rendered email to the SMTP server, as HTML with a plain-text alternative when there is one. Connections
 * stay open between emails (at most {@code emails.smtp-threads} of them), so an email costs one SMTP transaction on
 * a warm connection. Blocking, on the caller's thread: no event loop sits between the sender and the socket.
 */
@ApplicationScoped
public class MailSender {

    /** Relays drop idle connections after a few minutes; a connection idle this long is replaced, not reused. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final SmtpSettings settings;
    private final Semaphore connections;
    private final ConcurrentLinkedDeque<SmtpSession> idle = new ConcurrentLinkedDeque<>();
    /** Every open session, idle or in use, for the watchdog. */
    private final Set<SmtpSession> open = ConcurrentHashMap.newKeySet();

    public MailSender(EmailsConfig config,
            @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "127.0.0.1") String host,
            @ConfigProperty(name = "quarkus.mailer.port", defaultValue = "25") int port,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.start-tls", defaultValue = "OPTIONAL") String startTls,
            @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "20S") Duration timeout) {
        this.settings = new SmtpSettings(host, port, tls, SmtpSettings.StartTls.valueOf(startTls.toUpperCase()),
                username, password, (int) timeout.toMillis(), config.messageIdDomain());
        this.connections = new Semaphore(config.smtpThreads());
    }

    /**
     * Blocks until the SMTP server accepted the message (each reply bounded by quarkus.mailer.timeout); throws if it
     * did not. The exception's cause tells a transient refusal (4xx, connection trouble) from a permanent one (5xx,
     * an address that cannot be written into an SMTP command).
     */
    public void send(OutgoingMail outgoing) {
        send(outgoing, HandOver.NONE);
    }

    /**
     * Like {@link #send(OutgoingMail)}, and tells {@code handOver} right before the message and its terminating dot
     * are written (it may wait there), then once the dot is written, or that writing failed.
     */
    public void send(OutgoingMail outgoing, HandOver handOver) {
        byte[] message;
        try {
            message = encode(outgoing);
            checkEnvelope(outgoing.fromAddress());
            checkEnvelope(outgoing.to());
        } catch (RuntimeException invalid) {
            throw new MailNotSentException(invalid);
        }
        try {
            connections.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailNotSentException(e);
        }
        SmtpSession session = null;
        try {
            session = session();
            try {
                session.send(outgoing.fromAddress(), outgoing.to(), message, handOver);
            } catch (SmtpSession.StaleConnectionException closedByServer) {
                session.close(); // an idle connection the server dropped; the email did not start: send it afresh
                session = null;
                session = SmtpSession.open(settings, open);
                session.send(outgoing.fromAddress(), outgoing.to(), message, handOver);
            }
            idle.push(session);
        } catch (SmtpRefusal refused) {
            idle.push(session); // the transaction was reset: the connection serves the next email
            throw new MailNotSentException(refused);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close();
            }
            throw new MailNotSentException(e);
        } finally {
            connections.release();
        }
    }

    /** The most recently used open connection, or a new one. */
    private SmtpSession session() throws IOException {
        SmtpSession session;
        while ((session = idle.poll()) != null) {
            if (session.idleNanos() < MAX_IDLE_NANOS) {
                return session;
            }
            session.close();
        }
        return SmtpSession.open(settings, open);
    }

    /**
     * The watchdog of the sessions' deadlines (sockets have no read timeout, see {@link SmtpSession}): a reply is
     * bounded by {@code quarkus.mailer.timeout} plus at most a second.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeOverdueSessions() {
        long now = System.nanoTime();
        open.forEach(session -> session.closeIfOverdue(now));
    }

    /** The full RFC 5322 message as SMTP DATA: headers, quoted-printable bodies, multipart/alternative. */
    private static byte[] encode(OutgoingMail outgoing) {
        RenderedEmail email = outgoing.email();
        return MimeMessage.encode(MimeMessage.from(outgoing.fromName(), outgoing.fromAddress()), outgoing.to(),
                email.subject(), email.htmlBody(), email.textBody(), outgoing.headers());
    }

    /** An address goes into MAIL FROM / RCPT TO as it is: it must be one, and must not smuggle in a command. */
    private static void checkEnvelope(String address) {
        if (address == null || address.indexOf('@') < 1) {
            throw new IllegalArgumentException("not a deliverable address");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 127) {
                throw new IllegalArgumentException("not a deliverable address");
            }
        }
    }

    @PreDestroy
    void stop() {
        SmtpSession session;
        while ((session = idle.poll()) != null) {
            session.close();
        }
    }

    /** The SMTP hand-off failed. Carries the cause's type only: SMTP errors may quote the recipient address. */
    public static class MailNotSentException extends RuntimeException {
        MailNotSentException(Throwable cause) {
            super("mail not sent: " + (cause == null ? "unknown" : cause.getClass().getName()), cause, false, false);
        }
    }
}
