package org.patientoutreach.emails.feedback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mailgun webhooks as Mailgun posts them (its documentation's examples, trimmed), signed as Mailgun signs them. */
final class MailgunJson {

    /** emails.mailgun.signing-key of the test profile. */
    static final String KEY = "test-only-mailgun-signing-key-0123456789";
    static final String FAILED_AT = "1765026180.908181";

    private MailgunJson() {
    }

    /** A failed event, severity permanent or temporary, for a reason of Mailgun's (bounce, generic, suppress-...). */
    static String failed(String messageId, String severity, String reason) {
        return event("""
                "event":"failed","severity":"%s","reason":"%s","recipient":"patient@example.org",\
                "delivery-status":{"code":550,"message":"mailbox unavailable"},"message":%s"""
                .formatted(severity, reason, message(messageId)));
    }

    static String complained(String messageId) {
        return event("\"event\":\"complained\",\"recipient\":\"patient@example.org\",\"message\":"
                + message(messageId));
    }

    static String delivered(String messageId) {
        return event("\"event\":\"delivered\",\"recipient\":\"patient@example.org\",\"message\":"
                + message(messageId));
    }

    /** The event-data object around these fields. */
    static String event(String fields) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"timestamp\":" + FAILED_AT + "," + fields + "}";
    }

    /** Mailgun quotes the Message-ID without its angle brackets. */
    static String message(String messageId) {
        String bare = messageId.replaceAll("^<|>$", "");
        return "{\"headers\":{\"to\":\"patient@example.org\",\"message-id\":\"" + bare
                + "\",\"subject\":\"Your results\"},\"size\":2570}";
    }

    /** The webhook: the event signed with {@code key} (timestamp, then token). */
    static String webhook(String eventData, String key) {
        return webhook(eventData, key, Instant.now());
    }

    /** Signed at {@code signedAt}, with a new token. */
    static String webhook(String eventData, String key, Instant signedAt) {
        String timestamp = String.valueOf(signedAt.getEpochSecond());
        String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef01";
        return """
                {"signature":{"timestamp":"%s","token":"%s","signature":"%s"},"event-data":%s}"""
                .formatted(timestamp, token, sign(key, timestamp + token), eventData);
    }

    /** As for a subaccount's domain: signed with the subaccount's key, and with the primary account's as the parent. */
    static String subaccountWebhook(String eventData, String subaccountKey, String parentKey) {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String token = UUID.randomUUID().toString().replace("-", "") + "fedcba9876543210fe";
        return """
                {"signature":{"timestamp":"%s","token":"%s","signature":"%s","parent-signature":"%s"},\
                "event-data":%s}""".formatted(timestamp, token, sign(subaccountKey, timestamp + token),
                sign(parentKey, timestamp + token), eventData);
    }

    static String sign(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
