package io.tillbridge.connector.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How often and how long a request is retried after a 429, a 5xx, a timeout or a malformed body.
 *
 * @param maxRetries retries after the first attempt; then the call fails TRANSIENT
 * @param baseDelay the first backoff; it doubles with each retry
 * @param maxDelay the longest backoff
 * @param maxRetryAfter the longest {@code Retry-After} we wait inside a call; a longer one fails the
 *     call TRANSIENT with the wait, so that the run engine reschedules instead of holding a worker
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, baseDelay, maxDelay, maxRetryAfter);
    }

    /**
     * The backoff before retry number {@code retry} (1 for the first): exponential, capped, with
     * "equal jitter" (half fixed, half random) so that many clients do not retry in step.
     *
     * @param random a value in [0, 1)
     */
    public Duration backoff(int retry, DoubleSupplier random) {
        long exponential = baseDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(maxDelay.toMillis(), exponential);
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }
}
