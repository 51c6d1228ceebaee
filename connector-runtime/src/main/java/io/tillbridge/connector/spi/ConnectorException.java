package io.tillbridge.connector.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector call failed. The category tells the runtime what to do: CONFIG and AUTH stop the
 * integration until the merchant acts, TRANSIENT is retried later (not before {@link
 * #retryAfter()} when given), SYSTEM goes to support. Messages are readable by a merchant and
 * never contain secrets.
 */
public class ConnectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call failed; the same categories as {@link CheckResult.Status} except OK. */
    public enum Category {
        /** The configuration is wrong (bad URL, unknown stream, refused parameters). */
        CONFIG,
        /** The credentials were refused (401, 403, revoked token). */
        AUTH,
        /** Worth retrying later: timeouts, 5xx, rate limits, truncated responses. */
        TRANSIENT,
        /** A bug or an unexpected answer: support must look. */
        SYSTEM;

        /** The matching check status. */
        public CheckResult.Status checkStatus() {
            return CheckResult.Status.valueOf(name());
        }
    }

    private final Category category;
    private final transient Duration retryAfter;

    public ConnectorException(Category category, String message) {
        this(category, message, null, null);
    }

    public ConnectorException(Category category, String message, Throwable cause) {
        this(category, message, null, cause);
    }

    public ConnectorException(Category category, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
        this.retryAfter = retryAfter;
    }

    public Category category() {
        return category;
    }

    /** How long the system asked us to wait before the next request, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** This failure as a check result. */
    public CheckResult toCheckResult() {
        return CheckResult.failed(category.checkStatus(), getMessage());
    }
}
