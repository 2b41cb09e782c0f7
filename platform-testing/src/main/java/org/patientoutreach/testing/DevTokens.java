package org.patientoutreach.testing;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Development tokens, signed with the key pair that {@code ./outreach up} creates in {@code .outreach/jwt}: the same
 * issuer, claims and key as {@code ./outreach token ROLE}, so tests authenticate exactly as a developer does.
 */
public final class DevTokens {

    public static final String ISSUER = "https://patientoutreach.local/dev";

    private static PrivateKey key;

    private DevTokens() {
    }

    /** A 15-minute token for {@code role}, subject {@code dev-<role>}. */
    public static String forRole(String role) {
        return issue("dev-" + role, Duration.ofMinutes(15), role);
    }

    public static String issue(String subject, Duration ttl, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(ttl).sign(privateKey());
    }

    /** A token that expired a minute ago, otherwise valid. */
    public static String expired(String role) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).subject("dev-" + role).upn("dev-" + role).groups(Set.of(role))
                .issuedAt(now - 600).expiresAt(now - 60).sign(privateKey());
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
