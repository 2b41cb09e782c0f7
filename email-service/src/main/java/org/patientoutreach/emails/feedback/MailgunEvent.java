package org.patientoutreach.emails.feedback;

import static org.patientoutreach.emails.feedback.JsonText.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.patientoutreach.emails.send.DeliveryFeedback;

/**
 * Reads the {@code event-data} of a Mailgun webhook as a notice about one of our emails, found by the Message-ID it
 * carried ({@code message.headers.message-id}). Pure: nothing of an event (it names the recipient) is logged or
 * echoed.
 */
final class MailgunEvent {

    /** Why a signed event cannot be used; names the missing field, never a value. */
    static final class Unusable extends Exception {
        final String field;

        Unusable(String field, String reason) {
            super(reason);
            this.field = field;
        }
    }

    /** Permanent failures about the address itself. */
    private static final Set<String> ADDRESS_REFUSED = Set.of("bounce", "suppress-bounce");

    private MailgunEvent() {
    }

    /**
     * A permanent failure for reason {@code bounce} (the receiving server refused the address) or
     * {@code suppress-bounce} (Mailgun did not try: the address bounced before) is a hard bounce; for
     * {@code suppress-complaint} a complaint; for {@code suppress-unsubscribe} nothing (our emails carry our own
     * unsubscribe link, and this service's list is the one that counts). Any other permanent failure (Mailgun gave
     * up retrying, a provider's block of the sender, a reason it cannot name) and every temporary one is a soft
     * bounce: recorded, but it suppresses nothing, since a hard bounce stops all care email to the patient and must be
     * about the address. A complaint is a complaint. Accepted, delivered, opened, clicked and other events: empty.
     */
    static Optional<FeedbackRequest> feedback(JsonNode event) throws Unusable {
        String kind = text(event, "event");
        if (kind == null) {
            throw new Unusable("event-data.event", "is missing");
        }
        DeliveryFeedback type;
        switch (kind) {
            case "failed" -> {
                String severity = text(event, "severity");
                if ("temporary".equals(severity)) {
                    type = DeliveryFeedback.SOFT_BOUNCE;
                } else if (!"permanent".equals(severity)) {
                    throw new Unusable("event-data.severity", "must be permanent or temporary for a failed event");
                } else {
                    String reason = text(event, "reason");
                    if ("suppress-unsubscribe".equals(reason)) {
                        return Optional.empty();
                    }
                    type = "suppress-complaint".equals(reason) ? DeliveryFeedback.COMPLAINT
                            : reason != null && ADDRESS_REFUSED.contains(reason) ? DeliveryFeedback.HARD_BOUNCE
                            : DeliveryFeedback.SOFT_BOUNCE;
                }
            }
            case "complained" -> type = DeliveryFeedback.COMPLAINT;
            default -> {
                return Optional.empty();
            }
        }
        String messageId = text(event.path("message").path("headers"), "message-id");
        if (messageId == null) {
            throw new Unusable("event-data.message.headers.message-id", "is missing");
        }
        return Optional.of(new FeedbackRequest(messageId, type, timestamp(event)));
    }

    /** Seconds since the epoch, with a fraction; absent or unreadable: now, as for any notice without a time. */
    private static Instant timestamp(JsonNode event) {
        JsonNode at = event.get("timestamp");
        if (at == null || !at.isNumber() || !Double.isFinite(at.asDouble()) || at.asDouble() <= 0) {
            return null;
        }
        try {
            BigDecimal seconds = at.decimalValue();
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue());
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return null;
        }
    }
}
