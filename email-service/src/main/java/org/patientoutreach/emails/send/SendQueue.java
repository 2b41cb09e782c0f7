package org.patientoutreach.emails.send;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/** The queue operations on {@code email_send} that must be single statements to be safe between replicas. */
final class SendQueue {

    private SendQueue() {
    }

    /** A claimed row: what rendering, sending and recording its outcome need. */
    record Claimed(String requestId, String emailId, String patientId, String journeyId, String instanceId,
            boolean commercial, String contextJson, int attempts, String messageId, String sendWindow) {

        Map<String, String> context() {
            return EmailSend.context(contextJson, requestId);
        }
    }

    /** An attempt whose terminating dot was written at {@code at}. */
    record HandOver(String requestId, int attempt, Instant at) {
    }

    /**
     * Claims up to {@code limit} due sends for this dispatcher until {@code now + lease}; oldest due first. The
     * Message-ID ({@code <requestId@domain>}, as {@link EmailSend#messageId} makes it) is written with the claim:
     * every attempt carries the same one.
     */
    static List<Claimed> claim(int limit, Instant now, Duration lease, String messageIdDomain) {
        return jdbc(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("""
                    UPDATE email_send SET status = 'SENDING', lease_until = ?, attempts = attempts + 1,
                           handed_over_at = NULL, updated_at = ?, message_id = '<' || request_id || '@' || ? || '>'
                    WHERE request_id IN (
                        SELECT request_id FROM email_send
                        WHERE status IN ('QUEUED', 'DEFERRED') AND due_at <= ?
                        ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING request_id, email_id, patient_id, journey_id, instance_id, commercial, context, attempts,
                              message_id, send_window""")) {
                claim.setTimestamp(1, Timestamp.from(now.plus(lease)));
                claim.setTimestamp(2, Timestamp.from(now));
                claim.setString(3, messageIdDomain);
                claim.setTimestamp(4, Timestamp.from(now));
                claim.setInt(5, limit);
                List<Claimed> claimed = new ArrayList<>(limit);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Claimed(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getBoolean(6), rows.getString(7),
                                rows.getInt(8), rows.getString(9), rows.getString(10)));
                    }
                }
                return claimed;
            }
        });
    }

    /** The sends of {@code requestIds} that are still this dispatcher's become SENT; returns those. */
    static List<String> markSent(List<String> requestIds, Instant now) {
        return jdbc(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE email_send SET status = 'SENT', reason = NULL, lease_until = NULL, updated_at = ?,
                           sent_at = ?
                    WHERE request_id = ANY (?) AND status = 'SENDING'
                    RETURNING request_id""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setTimestamp(2, Timestamp.from(now));
                update.setArray(3, connection.createArrayOf("text", requestIds.toArray()));
                List<String> sent = new ArrayList<>(requestIds.size());
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        sent.add(rows.getString(1));
                    }
                }
                return sent;
            }
        });
    }

    /**
     * Marks attempts handed over (their terminating dots are written), each only if the send is still that attempt's
     * (SENDING, same attempt number, lease not over at the hand-over).
     */
    static void handedOver(List<HandOver> attempts) {
        jdbc(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE email_send e SET handed_over_at = h.at
                    FROM unnest(?::text[], ?::int[], ?::timestamptz[]) AS h(request_id, attempt, at)
                    WHERE e.request_id = h.request_id AND e.status = 'SENDING' AND e.attempts = h.attempt
                          AND e.lease_until >= h.at""")) {
                update.setArray(1, connection.createArrayOf("text",
                        attempts.stream().map(HandOver::requestId).toArray()));
                update.setArray(2, connection.createArrayOf("int4",
                        attempts.stream().map(HandOver::attempt).toArray()));
                update.setArray(3, connection.createArrayOf("timestamptz",
                        attempts.stream().map(h -> Timestamp.from(h.at())).toArray()));
                return update.executeUpdate();
            }
        });
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
        waitAgain(requestId, dueAt, reason, 0);
    }

    /**
     * A claimed send that came due outside its send window or in quiet hours (it waited for a profile, or for a
     * retry) waits again: the claim's attempt is taken back, as nothing was sent. The Message-ID stays: an earlier
     * attempt may have reached the relay, whose bounce must still find it.
     */
    static void deferAgain(String requestId, Instant dueAt, String reason) {
        waitAgain(requestId, dueAt, reason, 1);
    }

    private static void waitAgain(String requestId, Instant dueAt, String reason, int attemptsTakenBack) {
        Panache.getEntityManager().createNativeQuery("""
                UPDATE email_send SET status = 'DEFERRED', due_at = :dueAt, reason = :reason, lease_until = NULL,
                       handed_over_at = NULL, attempts = attempts - :takenBack, updated_at = now()
                WHERE request_id = :requestId AND status = 'SENDING'""")
                .setParameter("dueAt", Timestamp.from(dueAt))
                .setParameter("reason", reason)
                .setParameter("takenBack", attemptsTakenBack)
                .setParameter("requestId", requestId)
                .executeUpdate();
    }

    /** Plain JDBC on the transaction's connection: these run per batch of emails, with array parameters. */
    static <T> T jdbc(ReturningWork<T> work) {
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(work);
    }
}
