package org.patientoutreach.emails.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.metrics.EmailMetrics;

/**
 * Mailgun signs each webhook in its body: {@code signature.signature} is the hex HMAC-SHA256, keyed with the webhook
 * signing key, of {@code timestamp} followed by {@code token}; for a subaccount's domain {@code parent-signature} is
 * the same under the primary account's key, so either may match the key configured here. The signature does not
 * cover the event: a signature is accepted for a day from its timestamp, and its token only with the event it first
 * came with ({@link MailgunTokens}). A genuine webhook posted again changes nothing: notices are recorded once, and a
 * milder one never replaces a severer one.
 */
@ApplicationScoped
class MailgunSignature {

    private static final String HMAC = "HmacSHA256";

    /** Mailgun's clock may run a little ahead of ours. */
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final int MAX_TOKEN = 256;

    private final Optional<SecretKeySpec> key;
    private final MailgunTokens tokens;
    private final EmailMetrics metrics;

    MailgunSignature(EmailsConfig config, MailgunTokens tokens, EmailMetrics metrics) {
        this.key = config.mailgun().signingKey()
                .map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), HMAC));
        this.tokens = tokens;
        this.metrics = metrics;
    }

    /**
     * 400 naming the field when the signature is incomplete; 403 when no key is set, neither signature matches, the
     * signature is older than a day, or its token came before with another event.
     */
    void verify(JsonNode signature, JsonNode event) {
        String timestamp = required(signature, "timestamp");
        String token = required(signature, "token");
        String signed = required(signature, "signature");
        if (token.length() > MAX_TOKEN) {
            throw ProblemException.badField("signature.token", "must be at most " + MAX_TOKEN + " characters");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | DateTimeException e) {
            throw ProblemException.badField("signature.timestamp", "must be seconds since 1970");
        }
        if (key.isEmpty()) {
            metrics.webhookRefused("mailgun", "not-configured");
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "Mailgun webhooks are not accepted here: no signing key is configured");
        }
        byte[] expected = hmac(timestamp + token);
        if (!matches(expected, signed) && !matches(expected, JsonText.scalar(signature, "parent-signature"))) {
            metrics.webhookRefused("mailgun", "signature");
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "The signature is not Mailgun's for the configured signing key");
        }
        Instant now = Instant.now();
        if (signedAt.isBefore(now.minus(MailgunTokens.ACCEPTED_FOR)) || signedAt.isAfter(now.plus(SKEW))) {
            metrics.webhookRefused("mailgun", "stale");
            throw new ProblemException(Response.Status.FORBIDDEN, "The signature's timestamp is more than "
                    + MailgunTokens.ACCEPTED_FOR.toHours() + " hours old, or ahead of this service's clock");
        }
        if (!tokens.bind(token, event.toString())) {
            metrics.webhookRefused("mailgun", "token");
            throw new ProblemException(Response.Status.FORBIDDEN,
                    "The signature's token came before with another event");
        }
    }

    /** Constant-time, so the time of a refusal tells nothing of how much of a forged signature was right. */
    private static boolean matches(byte[] expected, String hex) {
        if (hex == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key.orElseThrow());
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String required(JsonNode signature, String field) {
        String value = JsonText.scalar(signature, field);
        if (value == null) {
            throw ProblemException.badField("signature." + field, "is missing");
        }
        return value;
    }
}
