package io.tillbridge.connector.http;

import io.tillbridge.connector.rest.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when someone sleeps on it; it remembers every sleep. */
final class FakeTime extends Clock implements Sleeper {

    private volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public Instant instant() {
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
