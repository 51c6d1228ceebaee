package io.tillbridge.users;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** Lets bucket4j buckets read time from the platform's {@link Clock}, so that tests can move it. */
record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
