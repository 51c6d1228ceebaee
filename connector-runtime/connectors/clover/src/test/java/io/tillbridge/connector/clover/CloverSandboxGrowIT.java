package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.clover.sandbox.CloverSandbox;
import io.tillbridge.connector.clover.sandbox.CloverSandboxOptions;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sandbox on a running clock grows as its time passes, and an incremental read finds what it added. */
class CloverSandboxGrowIT {

    @Test
    void a_sandbox_on_a_running_clock_grows_and_the_next_read_finds_the_new_orders() {
        ManualTime clock = new ManualTime(Instant.parse("2026-06-15T14:00:00Z"), false);
        try (CloverSandbox clover = CloverSandbox.start(CloverSandboxOptions.defaults().withClock(clock)
                .withoutRateLimits().withSeed(61).withOrders(40).withOrdersPerHour(12))) {
            String merchant = clover.merchantIds().get(0);
            CloverConfig config = CloverConfig.of(clover.baseUri(), merchant, clover.issueToken(merchant, Duration.ofDays(3)));
            CollectingSink first = read(clover, clock, config, null);
            int seeded = clover.data().orders(merchant).size();
            assertThat(first.committed()).hasSize(seeded);

            clover.grow();
            assertThat(clover.data().orders(merchant)).as("no time passed, nothing new").hasSize(seeded);
            clock.set(clock.instant().plus(Duration.ofHours(4)));
            clover.grow();
            List<String> added = clover.data().orders(merchant).stream()
                    .filter(o -> o.path("createdTime").asLong() > Instant.parse("2026-06-15T14:00:00Z").toEpochMilli())
                    .map(o -> o.path("id").asText()).toList();
            assertThat(added).as("about 12 an hour for 4 hours").hasSizeGreaterThan(20);

            List<String> next = read(clover, clock, config, first.lastCheckpoint()).committed().stream()
                    .map(SourceRecord::key).toList();
            assertThat(next).containsAll(added);
        }
    }

    private static CollectingSink read(CloverSandbox clover, ManualTime clock, CloverConfig config,
            io.tillbridge.connector.spi.Checkpoint checkpoint) {
        CollectingSink sink = new CollectingSink();
        try (CloverConnector connector = new CloverConnector(RetryPolicy.DEFAULT, clock, clock, () -> 0.5,
                TestEgress.LOOPBACK)) {
            connector.read(config, CloverStreams.ORDERS, checkpoint, sink);
        }
        return sink;
    }
}
