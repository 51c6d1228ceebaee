package io.tillbridge.connector.square;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A Square sandbox at a fixed time and connectors that read it over loopback, with observed backoff. */
final class SandboxReads {

    static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    final SquareSandbox square;
    final SandboxTime time = new SandboxTime(NOW);
    final SquareConfig config;

    SandboxReads(SquareSandboxOptions options, int pageSize) {
        this.square = SquareSandbox.start(options);
        this.config = SquareConfig.of(square.baseUri(), square.issueToken()).withPaging(15, pageSize, 6);
    }

    static SquareSandboxOptions options(long seed, SquareMerchant merchant, int orders) {
        return SquareSandboxOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withSeed(seed)
                .withMerchant(merchant).withOrders(orders);
    }

    SquareConnector connector() {
        return new SquareConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    CollectingSink read(String stream, Checkpoint checkpoint) {
        return read(config, stream, checkpoint, new CollectingSink());
    }

    CollectingSink read(SquareConfig with, String stream, Checkpoint checkpoint, CollectingSink sink) {
        try (SquareConnector connector = connector()) {
            connector.read(with, stream, checkpoint, sink);
        }
        return sink;
    }

    static List<String> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    static List<String> versions(List<SourceRecord> records) {
        return records.stream().map(r -> r.key() + "@" + r.version()).toList();
    }
}
