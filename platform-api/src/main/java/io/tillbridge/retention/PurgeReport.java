package io.tillbridge.retention;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one purge deleted, per kind.
 *
 * @param now the time the cut-offs were computed from
 * @param kinds per kind: rows deleted, batches (statements) run, the largest batch, tenants touched
 */
public record PurgeReport(Instant now, Map<PurgeKind, Counts> kinds) {

    /** Rows deleted of one kind. */
    public record Counts(long deleted, int batches, int largestBatch, int tenants) {

        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(long deletedNow, int batchesNow, int largestNow, boolean tenantTouched) {
            return new Counts(deleted + deletedNow, batches + batchesNow, Math.max(largestBatch, largestNow),
                    tenants + (tenantTouched ? 1 : 0));
        }
    }

    public PurgeReport {
        kinds = Collections.unmodifiableMap(new EnumMap<>(kinds));
    }

    /** The counts of a kind (zeros when nothing of it was deleted). */
    public Counts of(PurgeKind kind) {
        return kinds.getOrDefault(kind, Counts.NONE);
    }

    /** Rows deleted of every kind together. */
    public long total() {
        return kinds.values().stream().mapToLong(Counts::deleted).sum();
    }
}
