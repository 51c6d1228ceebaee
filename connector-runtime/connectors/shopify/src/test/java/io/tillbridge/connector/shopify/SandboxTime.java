package io.tillbridge.connector.shopify;

import io.tillbridge.connector.rest.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector's time in tests: starts at the sandbox's time and moves only when the connector
 * sleeps, so waits are observed (every one is kept) instead of spent.
 */
final class SandboxTime extends Clock implements Sleeper {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    SandboxTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    synchronized void set(Instant instant) {
        now = instant;
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
