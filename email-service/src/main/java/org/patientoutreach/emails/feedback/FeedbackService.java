package org.patientoutreach.emails.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.metrics.EmailMetrics;
import org.patientoutreach.emails.send.DeliveryFeedback;
import org.patientoutreach.emails.send.EmailSend;
import org.patientoutreach.emails.send.SendService;
import org.patientoutreach.emails.send.SendStatus;
import org.patientoutreach.emails.suppression.Suppression;
import org.patientoutreach.emails.suppression.SuppressionReason;
import org.patientoutreach.schemas.DeliveryEventType;

/**
 * Records what the relay reported after accepting an email: a hard bounce or a complaint puts the patient on the
 * suppression list (an existing entry stays), and each notice that is more severe than the send's last one publishes
 * one BOUNCED or COMPLAINED delivery event. A repeated or milder notice changes and publishes nothing, so a relay may
 * retry its webhook freely.
 */
@ApplicationScoped
public class FeedbackService {

    private static final Logger LOG = Logger.getLogger(FeedbackService.class);

    private final Outbox outbox;
    private final EmailMetrics metrics;

    public FeedbackService(Outbox outbox, EmailMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** Where a notice came from, for the metrics: the JSON endpoint, a report message, Amazon SNS, Mailgun. */
    static final String FROM_API = "api";
    static final String FROM_REPORT = "report";
    static final String FROM_SNS = "sns";
    static final String FROM_MAILGUN = "mailgun";

    @Transactional
    public FeedbackView record(FeedbackRequest notice, String source) {
        String messageId = bracketed(notice.messageId());
        // Locked: a relay retrying in parallel must not record one notice twice.
        EmailSend send = EmailSend.findById(requestIdOf(messageId), LockModeType.PESSIMISTIC_WRITE);
        // The Message-ID as the send wrote it, so a later change of emails.message-id-domain does not orphan old mail.
        if (send == null || send.messageId == null || !send.messageId.equalsIgnoreCase(messageId)) {
            throw new ProblemException(Response.Status.NOT_FOUND, "No email this service sent has this Message-ID");
        }
        if (send.status != SendStatus.SENT) {
            throw new NotSentYet("Email " + send.requestId + " is not recorded as sent (" + send.status
                    + "); a notice about it can be sent again once it is");
        }
        if (!notice.type().moreSevereThan(send.feedback)) {
            metrics.feedback(source, notice.type().name(), false);
            return view(send, false);
        }
        Instant now = Instant.now();
        send.feedback = notice.type();
        send.feedbackAt = occurredAt(notice, send, now);
        send.updatedAt = now;
        switch (notice.type()) {
            case HARD_BOUNCE -> Suppression.addUnlessListed(send.patientId, SuppressionReason.BOUNCED, now);
            case COMPLAINT -> Suppression.addUnlessListed(send.patientId, SuppressionReason.COMPLAINED, now);
            case SOFT_BOUNCE -> {
                // the mailbox may take mail again tomorrow: nothing to suppress
            }
        }
        DeliveryEventType type = notice.type() == DeliveryFeedback.COMPLAINT
                ? DeliveryEventType.COMPLAINED : DeliveryEventType.BOUNCED;
        outbox.publish(SendService.DELIVERY_TOPIC, send.patientId,
                send.event(type, notice.type().name(), null, send.feedbackAt));
        metrics.feedback(source, notice.type().name(), true);
        LOG.infof("send request %s: %s reported by the relay", send.requestId, notice.type());
        return view(send, true);
    }

    /** 409: the email is still sending, or waits out its lease after a crash; the same notice will do later. */
    static final class NotSentYet extends ProblemException {
        NotSentYet(String detail) {
            super(Response.Status.CONFLICT, detail);
        }
    }

    /** Message-IDs go in angle brackets (RFC 5322); relays quote them with or without. */
    private static String bracketed(String messageId) {
        String id = messageId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id : "<" + id + ">";
    }

    /** Message-IDs this service writes are {@code <requestId@emails.message-id-domain>}. */
    private static String requestIdOf(String bracketed) {
        int at = bracketed.lastIndexOf('@');
        if (at <= 1 || at >= bracketed.length() - 2) {
            throw ProblemException.badField("messageId", "must be a Message-ID this service wrote: <requestId@domain>");
        }
        return bracketed.substring(1, at);
    }

    /**
     * When it happened, as the relay says, but never before the email was sent nor after now (a relay's clock may run
     * ahead of ours; its notice must not be refused for that).
     */
    private static Instant occurredAt(FeedbackRequest notice, EmailSend send, Instant now) {
        Instant at = notice.occurredAt() == null || notice.occurredAt().isAfter(now) ? now : notice.occurredAt();
        return send.sentAt != null && at.isBefore(send.sentAt) ? send.sentAt : at;
    }

    private static FeedbackView view(EmailSend send, boolean recorded) {
        return new FeedbackView(send.requestId, send.feedback, send.feedbackAt, recorded);
    }
}
