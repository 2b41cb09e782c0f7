package org.patientoutreach.emails.feedback;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Binds each Mailgun token to the event it first came with ({@code mailgun_webhook_token}, V6): Mailgun's signature
 * covers the timestamp and token but not the event, so the same signature with another event is refused. The same
 * token with the same event passes, as Mailgun posting again after a 503 does.
 */
@ApplicationScoped
class MailgunTokens {

    /** How old a signature may be: Mailgun posts again for 8 hours; a day leaves room for a delayed queue. */
    static final Duration ACCEPTED_FOR = Duration.ofDays(1);

    private static final String BIND = """
            INSERT INTO mailgun_webhook_token (token, event_sha256, seen_at) VALUES (:token, :digest, :now)
            ON CONFLICT (token) DO NOTHING""";
    private static final String BOUND = "SELECT event_sha256 FROM mailgun_webhook_token WHERE token = :token";

    /** Whether {@code token} came with this event, now or the first time it was seen. */
    boolean bind(String token, String event) {
        byte[] digest = sha256(event);
        return QuarkusTransaction.requiringNew().call(() -> {
            Panache.getEntityManager().createNativeQuery(BIND).setParameter("token", token)
                    .setParameter("digest", digest).setParameter("now", Instant.now()).executeUpdate();
            byte[] bound = (byte[]) Panache.getEntityManager().createNativeQuery(BOUND)
                    .setParameter("token", token).getSingleResult();
            return Arrays.equals(bound, digest);
        });
    }

    /** A token older than any accepted signature can no longer come back: forget it. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOld() {
        Instant before = Instant.now().minus(ACCEPTED_FOR).minus(Duration.ofHours(1));
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("DELETE FROM mailgun_webhook_token WHERE seen_at < :before")
                .setParameter("before", before).executeUpdate());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
