package io.tillbridge.engine;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * What one attempt of a run may consume before it fails with {@code LIMIT} (DD-018): pages,
 * records and wall-clock time, and for an aggregating mapping the groups it holds in memory. What
 * the run committed before the limit stays committed (checkpoints are per page), so the next run
 * goes on from there: a large backfill takes several runs instead of holding a worker for hours,
 * and an endless pagination ends.
 */
@Singleton
public class RunLimits {

    private final int maxPages;
    private final long maxRecords;
    private final Duration maxDuration;
    private final int maxGroups;
    private final long maxGroupBytes;

    public RunLimits(@Value("${tillbridge.runs.max-pages:10000}") int maxPages,
            @Value("${tillbridge.runs.max-records:1000000}") long maxRecords,
            @Value("${tillbridge.runs.max-duration:1h}") Duration maxDuration,
            @Value("${tillbridge.runs.aggregation.max-groups:100000}") int maxGroups,
            @Value("${tillbridge.runs.aggregation.max-bytes:67108864}") long maxGroupBytes) {
        if (maxPages < 1 || maxRecords < 1 || maxDuration.isNegative() || maxDuration.isZero() || maxGroups < 1
                || maxGroupBytes < 1) {
            throw new IllegalArgumentException("tillbridge.runs: max-pages, max-records, max-duration,"
                    + " aggregation.max-groups and aggregation.max-bytes must be positive");
        }
        this.maxPages = maxPages;
        this.maxRecords = maxRecords;
        this.maxDuration = maxDuration;
        this.maxGroups = maxGroups;
        this.maxGroupBytes = maxGroupBytes;
    }

    /** Pages (checkpoints) one attempt commits at most ({@code tillbridge.runs.max-pages}). */
    public int maxPages() {
        return maxPages;
    }

    /** Source records one attempt reads at most ({@code tillbridge.runs.max-records}). */
    public long maxRecords() {
        return maxRecords;
    }

    /** How long one attempt may take ({@code tillbridge.runs.max-duration}). */
    public Duration maxDuration() {
        return maxDuration;
    }

    /** Groups an aggregating run holds at most ({@code tillbridge.runs.aggregation.max-groups}). */
    public int maxGroups() {
        return maxGroups;
    }

    /**
     * Estimated bytes an aggregating run holds at most, its groups and the records that failed to
     * map ({@code tillbridge.runs.aggregation.max-bytes}).
     */
    public long maxGroupBytes() {
        return maxGroupBytes;
    }
}
