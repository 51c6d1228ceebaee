package io.tillbridge.connector.shopify.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The tests' sandbox settings: a fixed clock, so that buckets leak and data grows only on {@code advance}. */
final class SandboxFixture {

    static final Instant START = Instant.parse("2026-12-01T15:00:00Z");

    private SandboxFixture() {
    }

    static ShopifySandboxOptions options() {
        return ShopifySandboxOptions.defaults().withClock(Clock.fixed(START, ZoneOffset.UTC));
    }
}
