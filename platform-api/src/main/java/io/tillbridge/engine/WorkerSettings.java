package io.tillbridge.engine;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * How the run worker polls, leases, retries and writes ({@code tillbridge.worker.*}, DD-011, DD-012),
 * bound once from the configuration and checked at start-up.
 */
@Singleton
class WorkerSettings {

    private final int threads;
    private final Duration pollInterval;
    private final Duration lease;
    private final int maxRunsPerPoll;
    private final boolean polling;
    private final RetryPolicy retries;
    private final PageWriter.WriteRetries writeRetries;

    WorkerSettings(@Value("${tillbridge.worker.threads:4}") int threads,
            @Value("${tillbridge.quotas.max-back-off:1h}") Duration maxBackOff,
            @Value("${tillbridge.worker.poll-interval:1s}") Duration pollInterval,
            @Value("${tillbridge.worker.lease:60s}") Duration lease,
            @Value("${tillbridge.worker.max-runs-per-poll:2}") int maxRunsPerPoll,
            @Value("${tillbridge.worker.polling:true}") boolean polling,
            @Value("${tillbridge.worker.max-retries:3}") int maxRetries,
            @Value("${tillbridge.worker.retry-delay:30s}") Duration retryDelay,
            @Value("${tillbridge.worker.max-retry-delay:15m}") Duration maxRetryDelay,
            @Value("${tillbridge.worker.write-attempts:3}") int writeAttempts,
            @Value("${tillbridge.worker.write-retry-delay:1s}") Duration writeRetryDelay) {
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.toMillis() < 3 || maxRunsPerPoll < 1
                || threads < 1) {
            throw new IllegalArgumentException("tillbridge.worker: poll-interval and lease must be positive,"
                    + " max-runs-per-poll and threads at least 1");
        }
        if (maxRetries < 0 || writeAttempts < 1 || retryDelay.isNegative() || maxRetryDelay.isNegative()
                || writeRetryDelay.isNegative()) {
            throw new IllegalArgumentException("tillbridge.worker: max-retries must be at least 0, write-attempts at"
                    + " least 1, and the delays not negative");
        }
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.maxRunsPerPoll = maxRunsPerPoll;
        this.polling = polling;
        this.retries = new RetryPolicy(maxRetries, retryDelay, maxRetryDelay, maxBackOff);
        this.writeRetries = new PageWriter.WriteRetries(writeAttempts, writeRetryDelay, heartbeat());
    }

    /** Runs executed at once ({@code threads}). */
    int threads() {
        return threads;
    }

    /** How often the worker claims runs ({@code poll-interval}). */
    Duration pollInterval() {
        return pollInterval;
    }

    /** How long a claim lasts unless renewed ({@code lease}). */
    Duration lease() {
        return lease;
    }

    /** How often a run in flight renews its lease: a third of the lease. */
    Duration heartbeat() {
        return Duration.ofMillis(Math.max(1, lease.toMillis() / 3));
    }

    /** Runs claimed per poll at most ({@code max-runs-per-poll}). */
    int maxRunsPerPoll() {
        return maxRunsPerPoll;
    }

    /** Whether the worker claims runs on its own ({@code polling}); tests drive it instead. */
    boolean polling() {
        return polling;
    }

    /**
     * Re-queues of runs that failed transiently ({@code max-retries}, {@code retry-delay},
     * {@code max-retry-delay}, and {@code tillbridge.quotas.max-back-off} for a Retry-After).
     */
    RetryPolicy retries() {
        return retries;
    }

    /** Retries of a batch write inside a run ({@code write-attempts}, {@code write-retry-delay}). */
    PageWriter.WriteRetries writeRetries() {
        return writeRetries;
    }
}
