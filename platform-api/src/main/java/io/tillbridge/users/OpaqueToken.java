package io.tillbridge.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret handed to a client once (in a mailed link, or as a refresh token) and kept by
 * the platform only as its SHA-256 hash. 32 random bytes make the token unguessable, so a plain
 * (unsalted, fast) hash is enough: it only keeps a database reader from using the tokens.
 *
 * @param value the token as the client sees it: 43 URL-safe base64 characters, no padding
 * @param hash SHA-256 of the value's UTF-8 bytes, as stored
 */
public record OpaqueToken(String value, byte[] hash) {

    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new random token. */
    public static OpaqueToken generate() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new OpaqueToken(value, hashOf(value));
    }

    /** The stored hash of a token a client presented. */
    public static byte[] hashOf(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "OpaqueToken[redacted]";
    }
}
