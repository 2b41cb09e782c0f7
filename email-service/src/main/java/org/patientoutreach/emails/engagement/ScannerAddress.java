package org.patientoutreach.emails.engagement;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who fetched an email's trap link, kept as a keyed digest of the client address and the send request: enough to
 * tell whether a later open or click comes from the same program, never the address itself (an IP address is an
 * identifier), and not comparable across emails. Keyed with the signed links' secret, so every replica computes the
 * same digest and nobody without the secret can test an address against it.
 */
final class ScannerAddress {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    ScannerAddress(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    String digest(String requestId, String address) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] hash = mac.doFinal(("scanner\n" + requestId + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
