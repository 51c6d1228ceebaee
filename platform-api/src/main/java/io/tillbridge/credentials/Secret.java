package io.tillbridge.credentials;

import java.util.Objects;

/**
 * A decrypted secret value (a token, a password). Its {@link #toString()} is masked, so a secret
 * that reaches a log line or an exception message by accident shows as {@value #MASK}; the value
 * is read only with {@link #reveal()}, where a connector's config is assembled.
 */
public final class Secret {

    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain value. Never log it, return it from the API or put it in an audit entry. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8), s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return MASK;
    }
}
