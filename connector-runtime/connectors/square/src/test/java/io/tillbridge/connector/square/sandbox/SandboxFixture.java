package io.tillbridge.connector.square.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The options tests start from: a fixed clock, so that a seed always gives the same data. */
final class SandboxFixture {

    static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    private SandboxFixture() {
    }

    static SquareSandboxOptions options() {
        return SquareSandboxOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
