package io.tillbridge.connector;

import io.tillbridge.connector.rest.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector's clock and sleeper in tests: it stands where the test puts it and moves only when
 * the connector waits, so that every backoff is kept and seen instead of spent. With {@code real},
 * a wait also passes in real time (a sandbox's rate limits count real seconds).
 */
public final class ManualTime extends Clock implements Sleeper {

    private final boolean real;
    private final List<Duration> waits = new ArrayList<>();
    private Instant now;

    /** From a fixed instant (2026-03-01T12:00:00Z), for tests that care only about the waits. */
    public ManualTime() {
        this(Instant.parse("2026-03-01T12:00:00Z"));
    }

    /** Time that moves only by waits, which take no real time. */
    public ManualTime(Instant start) {
        this(start, false);
    }

    public ManualTime(Instant start, boolean real) {
        this.now = start;
        this.real = real;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        synchronized (this) {
            waits.add(duration);
            now = now.plus(duration);
        }
        if (real) {
            Thread.sleep(duration.toMillis());
        }
    }

    /** Puts the time at {@code instant}, e.g. where a sandbox's clock stands. */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    /** Every wait so far, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
