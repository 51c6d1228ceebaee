package io.tillbridge.engine;

import io.tillbridge.connector.spi.ConnectorException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * When a failed run is worth another try and how long it waits: TRANSIENT connector failures and a
 * lost platform database are retried, up to {@code max-retries} re-queues, each due after
 * {@code retry-delay * 2^n} (n = retries so far) with full jitter on its upper half, at most
 * {@code max-retry-delay}, but at least the connector's Retry-After. A Retry-After counts for at
 * most {@code tillbridge.quotas.max-back-off}, as for the provider account it closes: a vendor (or
 * a server posing as one) cannot park a run for days.
 */
final class RetryPolicy {

    private final int maxRetries;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Duration maxRetryAfter;

    RetryPolicy(int maxRetries, Duration retryDelay, Duration maxRetryDelay, Duration maxRetryAfter) {
        this.maxRetries = maxRetries;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
        this.maxRetryAfter = maxRetryAfter;
    }

    int maxRetries() {
        return maxRetries;
    }

    /** True for the categories worth retrying later: TRANSIENT (timeouts, 5xx, rate limits with their Retry-After). */
    static boolean retryable(ConnectorException.Category category) {
        return category == ConnectorException.Category.TRANSIENT;
    }

    /**
     * Whether {@code e} was caused by a lost connection to the platform database: a connection the
     * pool could not set up or found closed, or SQLSTATE class 08 (connection) or 57P0x (shutdown).
     */
    static boolean lostDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.micronaut.data.connection.exceptions.ConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof java.sql.SQLException) {
                String state = ((java.sql.SQLException) t).getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The wait before the next attempt, given how many retries the run had. */
    IntFunction<Duration> backoff(Optional<Duration> retryAfter) {
        return retries -> {
            long base = retryDelay.toMillis() << Math.min(retries, 20);
            long capped = Math.min(base, maxRetryDelay.toMillis());
            long jittered = capped / 2 + (capped > 1 ? ThreadLocalRandom.current().nextLong(capped / 2 + 1) : 0);
            long floor = Math.min(retryAfter.map(Duration::toMillis).orElse(0L), maxRetryAfter.toMillis());
            return Duration.ofMillis(Math.max(jittered, floor));
        };
    }
}
