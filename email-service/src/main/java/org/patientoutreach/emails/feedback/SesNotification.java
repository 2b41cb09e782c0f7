package org.patientoutreach.emails.feedback;

import static org.patientoutreach.emails.feedback.JsonText.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * Reads an Amazon SES notification (the {@code Message} of an SNS notification; {@code notificationType} for identity
 * notifications, {@code eventType} for configuration-set event publishing) as a notice about one of our emails.
 * SES replaces the Message-ID when it sends, so ours is found among the original headers the notification carries
 * ({@code mail.headers}, {@code mail.commonHeaders}), which the identity must be set to include. Pure: nothing of a
 * notification (it names the recipient) is logged or echoed.
 */
final class SesNotification {

    /** Why a notification cannot be used; names what is missing, never a value. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    private SesNotification() {
    }

    /**
     * A permanent bounce is a hard bounce; a transient or undetermined one, or a delivery delay, a soft bounce; a
     * complaint without a type, or of type abuse or fraud, a complaint. Deliveries, opens and other events: empty.
     */
    static Optional<FeedbackRequest> feedback(JsonNode ses) throws Unusable {
        String kind = text(ses, "notificationType");
        if (kind == null) {
            kind = text(ses, "eventType");
        }
        if (kind == null) {
            throw new Unusable("neither notificationType nor eventType");
        }
        DeliveryFeedback type;
        JsonNode detail;
        switch (kind) {
            case "Bounce" -> {
                detail = ses.path("bounce");
                type = "Permanent".equals(text(detail, "bounceType"))
                        ? DeliveryFeedback.HARD_BOUNCE : DeliveryFeedback.SOFT_BOUNCE;
            }
            case "DeliveryDelay" -> {
                detail = ses.path("deliveryDelay");
                type = DeliveryFeedback.SOFT_BOUNCE;
            }
            case "Complaint" -> {
                detail = ses.path("complaint");
                // As for an abuse report by email (DeliveryReport): abuse and fraud are the recipient's complaint;
                // virus, auth-failure, other and not-spam ask nothing of us. Most mailbox providers give no type.
                String feedbackType = text(detail, "complaintFeedbackType");
                if (feedbackType != null && !Set.of("abuse", "fraud").contains(feedbackType.toLowerCase(Locale.ROOT))) {
                    return Optional.empty();
                }
                type = DeliveryFeedback.COMPLAINT;
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new FeedbackRequest(originalMessageId(ses.path("mail")), type, timestamp(detail)));
    }

    private static String originalMessageId(JsonNode mail) throws Unusable {
        for (JsonNode header : mail.path("headers")) {
            String name = text(header, "name");
            if (name != null && name.equalsIgnoreCase("Message-ID") && text(header, "value") != null) {
                return text(header, "value");
            }
        }
        String common = text(mail.path("commonHeaders"), "messageId");
        if (common == null) {
            throw new Unusable("no original Message-ID: have SES include the original headers in its notifications");
        }
        return common;
    }

    /** When the relay saw it; absent or unreadable: now, as for any notice without a time. */
    private static Instant timestamp(JsonNode detail) {
        String at = text(detail, "timestamp");
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
