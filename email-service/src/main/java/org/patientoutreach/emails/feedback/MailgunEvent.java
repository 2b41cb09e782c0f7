package org.patientoutreach.emails.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
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

    private MailgunEvent() {
    }

    /**
     * A permanent failure is a hard bounce, unless Mailgun did not try because the address is on its own complaint
     * list (a complaint) or unsubscribe list (nothing for us: our emails carry our own unsubscribe link, and this
     * service's list is the one that counts); a temporary failure is a soft bounce; a complaint is a complaint.
     * Accepted, delivered, opened, clicked and other events: empty.
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
                } else if ("suppress-unsubscribe".equals(text(event, "reason"))) {
                    return Optional.empty();
                } else {
                    type = "suppress-complaint".equals(text(event, "reason"))
                            ? DeliveryFeedback.COMPLAINT : DeliveryFeedback.HARD_BOUNCE;
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
        if (at == null || !at.isNumber() || at.asDouble() <= 0) {
            return null;
        }
        BigDecimal seconds = at.decimalValue();
        try {
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue());
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
