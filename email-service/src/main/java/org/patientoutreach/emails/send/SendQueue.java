package org.patientoutreach.emails.send;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The queue operations on {@code email_send} that must be single statements to be safe between replicas. */
final class SendQueue {

    private SendQueue() {
    }

    /**
     * Claims up to {@code limit} due sends for this dispatcher until {@code now + lease}; oldest due first. The
     * Message-ID ({@code <requestId@domain>}) is written with the claim: every attempt carries the same one.
     */
    @SuppressWarnings("unchecked")
    static List<String> claim(int limit, Instant now, Duration lease, String messageIdDomain) {
        return Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET status = 'SENDING', lease_until = :leaseUntil, attempts = attempts + 1,
                       handed_over_at = NULL, updated_at = :now,
                       message_id = '<' || request_id || '@' || :domain || '>'
                WHERE request_id IN (
                    SELECT request_id FROM email_send
                    WHERE status IN ('QUEUED', 'DEFERRED') AND due_at <= :now
                    ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING request_id""")
                .setParameter("leaseUntil", Timestamp.from(now.plus(lease)))
                .setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit)
                .setParameter("domain", messageIdDomain)
                .getResultList();
    }

    /** The sends of {@code requestIds} that are still this dispatcher's become SENT; returns those. */
    @SuppressWarnings("unchecked")
    static List<String> markSent(List<String> requestIds, Instant now) {
        return Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET status = 'SENT', reason = NULL, lease_until = NULL, updated_at = :now,
                       sent_at = :now
                WHERE request_id IN (:ids) AND status = 'SENDING'
                RETURNING request_id""")
                .setParameter("now", Timestamp.from(now))
                .setParameter("ids", requestIds)
                .getResultList();
    }

    /**
     * Marks one attempt handed over (its terminating dot is written), if the send is still this attempt's (SENDING,
     * same attempt number, lease not over); true if it was.
     */
    static boolean handOver(String requestId, int attempt, Instant now) {
        return Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET handed_over_at = :now
                WHERE request_id = :requestId AND status = 'SENDING' AND attempts = :attempt
                      AND lease_until >= :now""")
                .setParameter("now", Timestamp.from(now))
                .setParameter("requestId", requestId)
                .setParameter("attempt", attempt)
                .executeUpdate() == 1;
    }

    /**
     * Sends whose dispatcher stopped before the point of no return go back to the queue: the SMTP server never got
     * their terminating dot, so it discarded them, and sending again makes no duplicate.
     */
    static int releaseExpiredLeases(Instant now) {
        return Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET status = 'QUEUED', due_at = :now, lease_until = NULL, updated_at = :now
                WHERE status = 'SENDING' AND lease_until < :now AND handed_over_at IS NULL""")
                .setParameter("now", Timestamp.from(now))
                .executeUpdate();
    }

    /**
     * Sends whose dispatcher stopped after the point of no return are SENT (at the hand-over time): the server has
     * them. Returns the rows, for their delivery events.
     */
    @SuppressWarnings("unchecked")
    static List<EmailSend> finishHandedOver(Instant now) {
        List<String> ids = Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET status = 'SENT', reason = NULL, lease_until = NULL, updated_at = :now,
                       sent_at = handed_over_at
                WHERE status = 'SENDING' AND lease_until < :now AND handed_over_at IS NOT NULL
                RETURNING request_id""")
                .setParameter("now", Timestamp.from(now))
                .getResultList();
        return ids.isEmpty() ? List.of() : EmailSend.list("requestId in ?1", ids);
    }

    /** A transient SMTP failure: the send waits in the queue until {@code dueAt}. */
    static void retryLater(String requestId, Instant dueAt, String reason) {
        Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET status = 'DEFERRED', due_at = :dueAt, reason = :reason, lease_until = NULL,
                       handed_over_at = NULL, updated_at = now()
                WHERE request_id = :requestId AND status = 'SENDING'""")
                .setParameter("dueAt", Timestamp.from(dueAt))
                .setParameter("reason", reason)
                .setParameter("requestId", requestId)
                .executeUpdate();
    }
}
