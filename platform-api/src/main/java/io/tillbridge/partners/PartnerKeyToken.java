package io.tillbridge.partners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A partner API key as the partner sends it: {@code tbk_<prefix>_<secret>}.
 *
 * <ul>
 *   <li>{@code tbk_} marks the credential as a Tillbridge key, so that it is never mistaken for a
 *       JWT and so that secret scanners can recognise a leaked key;</li>
 *   <li>the prefix is 12 URL-safe characters (9 random bytes in base64url, 72 bits): it finds the
 *       key's row and is shown in key lists, so that a partner can tell its keys apart;</li>
 *   <li>the secret is 32 random bytes in base64url without padding (43 characters).</li>
 * </ul>
 *
 * <p>Both parts have fixed lengths, so a token is split by position: the base64url alphabet
 * contains {@code _}, which may appear inside the prefix or the secret.
 *
 * <p>Only the prefix and the SHA-256 of the secret are stored. The secret has 256 bits of entropy,
 * so its hash cannot be reversed by guessing, and a slow password hash or a server-side pepper
 * would add cost on every request without adding protection. See DD-003.
 */
public final class PartnerKeyToken {

    /** What every key starts with. */
    public static final String MARKER = "tbk_";
    static final int PREFIX_LENGTH = 12;
    static final int SECRET_BYTES = 32;
    private static final int SECRET_LENGTH = 43;
    private static final int LENGTH = MARKER.length() + PREFIX_LENGTH + 1 + SECRET_LENGTH;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String prefix;
    private final String secret;

    private PartnerKeyToken(String prefix, String secret) {
        this.prefix = prefix;
        this.secret = secret;
    }

    /** A new key from {@code random}. */
    public static PartnerKeyToken generate(SecureRandom random) {
        byte[] prefixBytes = new byte[9];
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(prefixBytes);
        random.nextBytes(secretBytes);
        return new PartnerKeyToken(ENCODER.encodeToString(prefixBytes), ENCODER.encodeToString(secretBytes));
    }

    /** Whether {@code credential} claims to be a partner key (it may still be malformed or wrong). */
    public static boolean isPartnerKey(String credential) {
        return credential != null && credential.startsWith(MARKER);
    }

    /** The key in {@code text}, or empty when it does not have the form of one. */
    public static Optional<PartnerKeyToken> parse(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(MARKER)
                || text.charAt(MARKER.length() + PREFIX_LENGTH) != '_') {
            return Optional.empty();
        }
        String prefix = text.substring(MARKER.length(), MARKER.length() + PREFIX_LENGTH);
        String secret = text.substring(MARKER.length() + PREFIX_LENGTH + 1);
        if (!isBase64Url(prefix) || !isBase64Url(secret)) {
            return Optional.empty();
        }
        return Optional.of(new PartnerKeyToken(prefix, secret));
    }

    private static boolean isBase64Url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The public part that finds the key; safe to show and to log. */
    public String prefix() {
        return prefix;
    }

    /** The SHA-256 of the secret part: what the database keeps. */
    public byte[] secretHash() {
        return sha256(secret);
    }

    /** Whether the secret's hash is {@code storedHash}, compared in constant time. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(secretHash(), storedHash);
    }

    /** The full key as the partner sends it. Shown once, when the key is created; never logged. */
    public String reveal() {
        return MARKER + prefix + "_" + secret;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartnerKeyToken t && t.prefix.equals(prefix)
                && MessageDigest.isEqual(t.secret.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return MARKER + prefix + "_***";
    }
}
