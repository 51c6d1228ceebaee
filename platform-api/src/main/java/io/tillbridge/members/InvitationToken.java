package io.tillbridge.members;

import io.tillbridge.tenants.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token of an invitation: {@code <tenant id>.<secret>}, the secret being 32 random bytes in
 * URL-safe base64. The tenant part says in which tenant's scope to look the invitation up; only the
 * SHA-256 of the secret part is stored there.
 *
 * @param tenant the tenant the token names
 * @param secret the secret part
 */
record InvitationToken(TenantId tenant, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    static InvitationToken issue(TenantId tenant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new InvitationToken(tenant, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token in {@code text}, or empty when it cannot be one this platform issued. */
    static Optional<InvitationToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        int dot = trimmed.indexOf('.');
        if (dot < 0 || !SECRET.matcher(trimmed.substring(dot + 1)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InvitationToken(TenantId.of(trimmed.substring(0, dot)), trimmed.substring(dot + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What the database stores: SHA-256 of the secret part. */
    byte[] secretHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String text() {
        return tenant + "." + secret;
    }

    @Override
    public String toString() {
        return "InvitationToken[tenant=" + tenant + ", secret=(hidden)]";
    }
}
