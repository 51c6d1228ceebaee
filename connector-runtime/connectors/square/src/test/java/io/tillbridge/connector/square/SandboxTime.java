package io.tillbridge.connector.square;

import io.tillbridge.connector.rest.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The connector's time in tests: starts at the sandbox's time and moves only when the connector
 * sleeps, so backoff is observed (every wait is kept) instead of spent.
 */
final class SandboxTime extends Clock implements Sleeper {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();
    private Consumer<Duration> alsoOnSleep = d -> { };

    SandboxTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
        alsoOnSleep.accept(duration);
    }

    /** Moves something else along with this time, e.g. the sandbox's clock (its rate-limit windows). */
    synchronized void alsoOnSleep(Consumer<Duration> action) {
        alsoOnSleep = action;
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
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
