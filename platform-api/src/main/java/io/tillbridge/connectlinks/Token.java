package io.tillbridge.connectlinks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A connect link's token: 256 random bits as 64 lower-case hex digits (a portal path the sign-in
 * page accepts as a {@code continue} target), stored as its SHA-256 only.
 */
record Token(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static Token generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new Token(HexFormat.of().formatHex(bytes));
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of a token as received; empty when it cannot be one (so nothing is looked up). */
    static Optional<byte[]> hashOf(String received) {
        if (received == null || !received.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(new Token(received).hash());
    }

    @Override
    public String toString() {
        return "Token[hidden]";
    }
}
