package io.tillbridge.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: the secret is {@code whsec_} and the base64 of the key; a delivery
 * carries {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature},
 * a space-separated list of {@code v1,<base64 HMAC-SHA256>} over {@code id.timestamp.body}, the body
 * as the raw bytes received. Signatures are compared in constant time; a timestamp more than
 * {@link #TOLERANCE} away from now is refused, so a captured delivery cannot be replayed later.
 */
public final class WebhookSignatures {

    /** How far a delivery's timestamp may be from now, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignatures() {
    }

    /** Why a delivery was refused, or {@code VALID}. */
    public enum Verdict { VALID, MISSING_HEADER, BAD_TIMESTAMP, BAD_SIGNATURE }

    /** A new signing secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} value a sender puts on a delivery. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, Long.toString(timestamp), body));
    }

    /** Checks a delivery's headers against its raw body. */
    public static Verdict verify(String secret, String id, String timestamp, String signatures, byte[] body,
            Instant now) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null || signatures.isBlank()) {
            return Verdict.MISSING_HEADER;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return Verdict.BAD_TIMESTAMP;
        }
        byte[] expected = mac(secret, id, timestamp.trim(), body);
        boolean match = false;
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            // Every candidate is compared, so the time taken does not tell which one matched.
            match |= MessageDigest.isEqual(expected, given);
        }
        return match ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    private static byte[] mac(String secret, String id, String timestamp, byte[] body) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
