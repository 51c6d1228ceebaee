package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeds, the clock and what {@code advance} adds. */
class CloverSandboxGrowthIT {

    @Test
    void the_same_seed_and_clock_give_the_same_data_before_and_after_an_advance() {
        try (CloverSandbox a = CloverSandbox.start(SandboxFixture.options().withOrders(150).withSeed(42));
             CloverSandbox b = CloverSandbox.start(SandboxFixture.options().withOrders(150).withSeed(42))) {
            String mId = a.merchantIds().get(0);
            assertThat(b.merchantIds()).isEqualTo(a.merchantIds());
            assertThat(b.data().orders(mId)).isEqualTo(a.data().orders(mId));
            assertThat(b.data().items(mId)).isEqualTo(a.data().items(mId));

            a.advance(Duration.ofHours(6));
            b.advance(Duration.ofHours(6));

            assertThat(b.data().orders(mId)).isEqualTo(a.data().orders(mId));
            assertThat(b.data().payments(mId)).isEqualTo(a.data().payments(mId));
            assertThat(b.data().refunds(mId)).isEqualTo(a.data().refunds(mId));
        }
    }

    @Test
    void another_seed_gives_other_data() {
        try (CloverSandbox a = CloverSandbox.start(SandboxFixture.options().withOrders(50).withSeed(1));
             CloverSandbox b = CloverSandbox.start(SandboxFixture.options().withOrders(50).withSeed(2))) {
            assertThat(b.merchantIds()).isNotEqualTo(a.merchantIds());
        }
    }

    @Test
    void an_offline_order_that_arrives_late_is_found_by_created_time_not_by_client_created_time() {
        try (CloverSandbox sandbox = CloverSandbox.start(
                SandboxFixture.options().withOrders(100).withOrdersPerHour(0))) {
            String mId = sandbox.merchantIds().get(0);
            CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
            Instant lastSync = sandbox.data().now();

            sandbox.advance(Duration.ofHours(3));

            List<JsonNode> byCreated = client.all(mId, "/orders", 100, new ArrayList<>(), "filter",
                    "createdTime>=" + lastSync.toEpochMilli());
            List<JsonNode> late = byCreated.stream()
                    .filter(o -> o.path("clientCreatedTime").asLong() < lastSync.toEpochMilli()).toList();
            assertThat(late).isNotEmpty();
            List<JsonNode> byClientCreated = client.all(mId, "/orders", 100, new ArrayList<>(), "filter",
                    "clientCreatedTime>=" + lastSync.toEpochMilli());
            assertThat(byClientCreated).noneMatch(o -> late.stream()
                    .anyMatch(l -> l.path("id").asText().equals(o.path("id").asText())));
        }
    }

    @Test
    void advancing_the_clock_adds_sales_that_a_modified_time_filter_finds() {
        try (CloverSandbox sandbox = CloverSandbox.start(
                SandboxFixture.options().withOrders(100).withOrdersPerHour(10))) {
            String mId = sandbox.merchantIds().get(0);
            CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
            int before = sandbox.data().orders(mId).size();
            Instant lastSync = sandbox.data().now();

            sandbox.advance(Duration.ofHours(5));

            List<JsonNode> changed = client.all(mId, "/orders", 100, new ArrayList<>(), "filter",
                    "modifiedTime>=" + lastSync.toEpochMilli());
            assertThat(sandbox.data().orders(mId).size() - before).isBetween(40, 60);
            assertThat(changed.size()).isGreaterThanOrEqualTo(sandbox.data().orders(mId).size() - before);
            assertThat(changed).allSatisfy(o -> assertThat(o.path("modifiedTime").asLong())
                    .isGreaterThanOrEqualTo(lastSync.toEpochMilli()));
        }
    }

    @Test
    void a_slow_fault_delays_the_answer() {
        try (CloverSandbox sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(10))) {
            String mId = sandbox.merchantIds().get(0);
            CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
            sandbox.faults().slowNext(1, Duration.ofMillis(400));

            long started = System.nanoTime();
            assertThat(client.get(mId, "/devices").status()).isEqualTo(200);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }
}
