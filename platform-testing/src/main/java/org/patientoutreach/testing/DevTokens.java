package org.patientoutreach.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Development tokens, signed RS256 with the key pair that {@code ./outreach up} creates in {@code .outreach/jwt}:
 * the same issuer, claims and key as {@code ./outreach token ROLE}, so tests authenticate exactly as a developer
 * does. Plain JDK signing, so it works in any JVM, Quarkus or not.
 */
public final class DevTokens {

    public static final String ISSUER = "https://patientoutreach.local/dev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static PrivateKey key;

    private DevTokens() {
    }

    /** A 15-minute token for {@code role}, subject {@code dev-<role>}. */
    public static String forRole(String role) {
        return issue("dev-" + role, Duration.ofMinutes(15), role);
    }

    public static String issue(String subject, Duration ttl, String... roles) {
        Instant now = Instant.now();
        return sign(subject, now, now.plus(ttl), roles);
    }

    /** A token that expired a minute ago, otherwise valid. */
    public static String expired(String role) {
        Instant now = Instant.now();
        return sign("dev-" + role, now.minusSeconds(600), now.minusSeconds(60), role);
    }

    private static String sign(String subject, Instant issuedAt, Instant expiresAt, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", List.of(roles));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String content = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey());
            rs256.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + B64.encodeToString(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static synchronized PrivateKey privateKey() {
        if (key == null) {
            Path pem = keyDir().resolve("private.pem");
            try {
                String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read " + pem + "; run ./outreach up infra first", e);
            }
        }
        return key;
    }

    /** {@code outreach.jwt.dir}, else the nearest {@code .outreach/jwt} above the working directory. */
    static Path keyDir() {
        String configured = System.getProperty("outreach.jwt.dir", System.getenv("OUTREACH_JWT_DIR"));
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".outreach/jwt/private.pem"))) {
                return dir.resolve(".outreach/jwt");
            }
        }
        throw new IllegalStateException("no .outreach/jwt/private.pem found; run ./outreach up infra first");
    }
}
