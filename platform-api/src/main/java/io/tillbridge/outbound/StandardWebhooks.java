package io.tillbridge.outbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures of the Standard Webhooks specification (standardwebhooks.com): a secret is
 * {@code whsec_} and the base64 of its key bytes; a signature is {@code v1,} and the base64 of
 * HMAC-SHA256 over {@code webhook-id.webhook-timestamp.body} with the key bytes; the header lists one
 * signature per signing secret, separated by spaces.
 */
public final class StandardWebhooks {

    public static final String PREFIX = "whsec_";
    /** Key bytes of a new secret (the spec asks for 24 to 64). */
    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {
    }

    /** A new random secret. */
    public static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header: one {@code v1,} signature per secret, space separated. */
    public static String signatureHeader(List<String> secrets, String id, long timestamp, String body) {
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            header.append(header.isEmpty() ? "" : " ").append("v1,").append(sign(secret, id, timestamp, body));
        }
        return header.toString();
    }

    static String sign(String secret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
