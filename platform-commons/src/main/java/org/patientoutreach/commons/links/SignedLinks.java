package org.patientoutreach.commons.links;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.patientoutreach.commons.problem.ProblemException;

/**
 * Tokens for links a patient follows from an email (unsubscribe, open and click tracking, event registration). A
 * token binds one patient, one purpose and one resource until an expiry, signed with HMAC-SHA256:
 * {@code base64url(purpose|patientId|resourceId|expiresEpochSeconds).base64url(hmac)}. Ids only, never PHI.
 */
@ApplicationScoped
public class SignedLinks {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /** A Mac per thread, keyed once: looking one up and keying it cost more than the HMAC of a link itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Duration defaultTtl;
    private final Clock clock;

    @Inject
    public SignedLinks(LinksConfig config) {
        this(config.secret().orElse(null), config.defaultTtl(), Clock.systemUTC());
    }

    public SignedLinks(String secret, Duration defaultTtl, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("outreach.links.secret must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.defaultTtl = defaultTtl;
        this.clock = clock;
    }

    /** What a valid token grants. */
    public record Grant(String purpose, String patientId, String resourceId, Instant expiresAt) {
    }

    public String issue(String purpose, String patientId, String resourceId) {
        return issue(purpose, patientId, resourceId, defaultTtl);
    }

    public String issue(String purpose, String patientId, String resourceId, Duration ttl) {
        for (String part : new String[] { purpose, patientId, resourceId }) {
            if (part == null || part.contains("|")) {
                throw new IllegalArgumentException("link parts must be present and free of '|'");
            }
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        byte[] payload = (purpose + "|" + patientId + "|" + resourceId + "|" + expires).getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(mac(payload));
    }

    /**
     * The grant of a token issued for {@code purpose}; a forged, altered, expired or misdirected token is a 4xx
     * problem that says which, without echoing the token.
     */
    public Grant verify(String token, String purpose) {
        if (token == null || token.length() > 1024) {
            throw invalid();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            throw invalid();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODE.decode(token.substring(0, dot));
            signature = DECODE.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw invalid();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(purpose)) {
            throw new ProblemException(Response.Status.FORBIDDEN, "This link is not valid for this action");
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        if (!clock.instant().isBefore(expires)) {
            throw new ProblemException(Response.Status.GONE, "This link has expired");
        }
        return new Grant(parts[0], parts[1], parts[2], expires);
    }

    private static ProblemException invalid() {
        return ProblemException.badField("token", "is not a valid link");
    }

    private byte[] mac(byte[] payload) {
        return macs.get().doFinal(payload); // doFinal resets the Mac for the next payload, same key
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
