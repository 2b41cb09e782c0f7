package org.patientoutreach.emails.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.patientoutreach.commons.outbox.Outbox;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.EmailsConfig;
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
    private final String messageIdSuffix;

    public FeedbackService(Outbox outbox, EmailsConfig config) {
        this.outbox = outbox;
        this.messageIdSuffix = "@" + config.messageIdDomain();
    }

    @Transactional
    public FeedbackView record(FeedbackRequest notice) {
        String requestId = requestIdOf(notice.messageId());
        // Locked: a relay retrying in parallel must not record one notice twice.
        EmailSend send = EmailSend.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (send == null) {
            throw ProblemException.notFound("Email with Message-ID", notice.messageId());
        }
        if (send.status != SendStatus.SENT) {
            throw ProblemException.conflict("Email " + requestId + " was not sent (" + send.status + ")");
        }
        if (!notice.type().moreSevereThan(send.feedback)) {
            return view(send, false);
        }
        Instant at = notice.occurredAt() == null ? Instant.now() : notice.occurredAt();
        send.feedback = notice.type();
        send.feedbackAt = at;
        switch (notice.type()) {
            case HARD_BOUNCE -> Suppression.addUnlessListed(send.patientId, SuppressionReason.BOUNCED, at);
            case COMPLAINT -> Suppression.addUnlessListed(send.patientId, SuppressionReason.COMPLAINED, at);
            case SOFT_BOUNCE -> {
                // the mailbox may take mail again tomorrow: nothing to suppress
            }
        }
        DeliveryEventType type = notice.type() == DeliveryFeedback.COMPLAINT
                ? DeliveryEventType.COMPLAINED : DeliveryEventType.BOUNCED;
        outbox.publish(SendService.DELIVERY_TOPIC, send.patientId, send.event(type, notice.type().name(), null, at));
        LOG.infof("send request %s: %s reported by the relay", requestId, notice.type());
        return view(send, true);
    }

    /** Message-IDs this service writes are {@code <requestId@emails.message-id-domain>}; angle brackets optional. */
    private String requestIdOf(String messageId) {
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        int at = id.length() - messageIdSuffix.length();
        if (at <= 0 || !id.endsWith(messageIdSuffix) || id.indexOf('@') != at) {
            throw ProblemException.badField("messageId", "must be a Message-ID this service wrote: <requestId"
                    + messageIdSuffix + ">");
        }
        return id.substring(0, at);
    }

    private static FeedbackView view(EmailSend send, boolean recorded) {
        return new FeedbackView(send.requestId, send.patientId, send.feedback, send.feedbackAt, recorded);
    }
}
