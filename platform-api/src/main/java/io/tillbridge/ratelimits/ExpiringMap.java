package io.tillbridge.ratelimits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A concurrent map whose entries expire when unused for {@code idle} or older than {@code ttl},
 * holding at most {@code maxEntries}: what keeps the rate limiter's memory bounded without a
 * cache library. Expired entries are swept at most once per {@code idle}, by the caller that finds
 * the sweep due, in one pass over the map.
 *
 * <p>When the map is full of live entries, a new key's value is created but not kept (a warning is
 * logged at most once per idle period): for buckets, that caller is not limited until room frees up. That takes more distinct
 * live callers within one idle period than {@code maxEntries}, which is sized well above that.
 */
final class ExpiringMap<V> {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiringMap.class);

    private record Entry<V>(V value, long loadedAt, AtomicLong lastUsed) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final String name;
    private final long idleNanos;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final AtomicLong nextSweep;
    private final AtomicLong nextOverflowWarning;

    ExpiringMap(String name, Duration idle, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException(name + ": maxEntries must be positive");
        }
        this.name = name;
        this.idleNanos = idle.toNanos();
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong() + idleNanos);
        this.nextOverflowWarning = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * The live value under {@code key}, or a new one from {@code create}. {@code create} runs
     * outside any lock (it may do I/O); when two callers race, both get the value that was kept.
     */
    V get(String key, Function<String, V> create) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        Entry<V> entry = entries.get(key);
        if (entry == null || expired(entry, now)) {
            V value = create.apply(key);
            if (entry == null && entries.size() >= maxEntries) {
                sweep(now);
                if (entries.size() >= maxEntries) {
                    warnFull(now);
                    return value;
                }
            }
            Entry<V> fresh = new Entry<>(value, now, new AtomicLong(now));
            entry = entries.compute(key, (k, old) -> old != null && !expired(old, now) ? old : fresh);
        }
        entry.lastUsed().set(now);
        return entry.value();
    }

    /** The live value under {@code key}, or null; a hit counts as a use. */
    V getIfPresent(String key) {
        long now = nanoTime.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry == null || expired(entry, now)) {
            return null;
        }
        entry.lastUsed().set(now);
        return entry.value();
    }

    int size() {
        return entries.size();
    }

    private boolean expired(Entry<V> entry, long now) {
        return now - entry.lastUsed().get() >= idleNanos || now - entry.loadedAt() >= ttlNanos;
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + idleNanos)) {
            sweep(now);
        }
    }

    /** At most one warning per idle period, however many keys find the map full. */
    private void warnFull(long now) {
        long due = nextOverflowWarning.get();
        if (now - due >= 0 && nextOverflowWarning.compareAndSet(due, now + idleNanos)) {
            LOG.warn("{} holds {} live entries, its maximum: new keys are not kept", name, entries.size());
        }
    }

    private void sweep(long now) {
        entries.values().removeIf(e -> expired(e, now));
    }
}
