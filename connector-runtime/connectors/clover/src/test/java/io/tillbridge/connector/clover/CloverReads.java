package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.clover.sandbox.CloverSandbox;
import io.tillbridge.connector.clover.sandbox.CloverSandboxOptions;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A Clover sandbox at a fixed time and connectors that read it over loopback, with waits observed
 * instead of spent. Closing it stops the sandbox.
 */
final class CloverReads implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-06-15T18:00:00Z");

    final CloverSandbox clover;
    final String merchantId;
    final ManualTime time;
    final CloverConfig config;

    CloverReads(CloverSandboxOptions options, int pageSize) {
        this(options, pageSize, false);
    }

    /** @param realWaits whether backoff also passes in real time (for the sandbox's real-time rate limits) */
    CloverReads(CloverSandboxOptions options, int pageSize, boolean realWaits) {
        this.clover = CloverSandbox.start(options);
        this.merchantId = clover.merchantIds().get(0);
        this.time = new ManualTime(clover.data().now(), realWaits);
        this.config = CloverConfig.of(clover.baseUri(), merchantId, clover.issueToken(merchantId))
                .withReads(365, 60, pageSize, 8);
    }

    /** Seeded sandbox options at {@link #NOW} without rate limits. */
    static CloverSandboxOptions options(long seed, CloverMerchant merchant, int orders) {
        return CloverSandboxOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withoutRateLimits()
                .withSeed(seed).withMerchants(merchant).withOrders(orders);
    }

    CloverConnector connector() {
        return new CloverConnector(new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMinutes(2)), time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    CollectingSink read(String stream, Checkpoint checkpoint) {
        return read(config, stream, checkpoint);
    }

    CollectingSink read(CloverConfig with, String stream, Checkpoint checkpoint) {
        CollectingSink sink = new CollectingSink();
        try (CloverConnector connector = connector()) {
            connector.read(with, stream, checkpoint, sink);
        }
        return sink;
    }

    /** Moves the sandbox's clock (new sales, refunds, late arrivals) and the connector's with it. */
    void advance(Duration by) {
        clover.advance(by);
        time.set(clover.data().now());
    }

    List<JsonNode> orders() {
        return clover.data().orders(merchantId);
    }

    static List<String> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    @Override
    public void close() {
        clover.close();
    }
}
