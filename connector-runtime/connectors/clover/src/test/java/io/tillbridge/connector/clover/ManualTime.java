package io.tillbridge.connector.clover;

import io.tillbridge.connector.rest.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector's clock in tests: it stands where the test puts it and moves only when the
 * connector waits, so that every backoff is kept and seen instead of spent. With {@code real}, a
 * wait also passes in real time (the sandbox's rate limits count real seconds).
 */
final class ManualTime extends Clock implements Sleeper {

    private final boolean real;
    private final List<Duration> waits = new ArrayList<>();
    private Instant now;

    ManualTime(Instant start, boolean real) {
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

    synchronized void set(Instant instant) {
        now = instant;
    }

    synchronized List<Duration> waits() {
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
