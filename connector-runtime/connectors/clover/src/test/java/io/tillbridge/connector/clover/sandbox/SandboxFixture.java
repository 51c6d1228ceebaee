package io.tillbridge.connector.clover.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test options: a fixed clock, so that seeds give the same data; no rate limits unless a test asks for them. */
final class SandboxFixture {

    static final Instant NOW = Instant.parse("2026-06-15T18:00:00Z");

    private SandboxFixture() {
    }

    static CloverSandboxOptions options() {
        return CloverSandboxOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withoutRateLimits();
    }
}
