package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clover lists orders, payments and refunds of the last 90 days unless the query names a time filter. */
class CloverSandboxWindowIT {

    private static final long WINDOW_START = SandboxFixture.NOW.minus(Duration.ofDays(90)).toEpochMilli();

    private static SeededSandbox clover;

    @BeforeAll
    static void start() {
        clover = SeededSandbox.start(SandboxFixture.options().withOrders(400, Duration.ofDays(180)));
    }

    @AfterAll
    static void stop() {
        clover.close();
    }

    @Test
    void orders_without_a_time_filter_are_only_those_of_the_last_90_days() {
        List<JsonNode> orders = clover.all("/orders", 1000);

        assertThat(orders).isNotEmpty()
                .allSatisfy(o -> assertThat(o.path("createdTime").asLong()).isGreaterThanOrEqualTo(WINDOW_START));
        assertThat(orders.size()).isLessThan(clover.sandbox().data().orders(clover.mId()).size());
    }

    @Test
    void a_connector_read_with_an_explicit_created_time_filter_gets_the_older_orders_too() {
        List<JsonNode> orders = clover.all("/orders", 1000, "filter", "createdTime>=0");

        assertThat(orders).hasSize(clover.sandbox().data().orders(clover.mId()).size())
                .anySatisfy(o -> assertThat(o.path("createdTime").asLong()).isLessThan(WINDOW_START));
    }

    @Test
    void a_modified_time_filter_lifts_the_window_as_well() {
        long since = SandboxFixture.NOW.minus(Duration.ofDays(170)).toEpochMilli();

        List<JsonNode> orders = clover.all("/orders", 1000, "filter", "modifiedTime>=" + since);

        assertThat(orders).anySatisfy(o -> assertThat(o.path("createdTime").asLong()).isLessThan(WINDOW_START));
    }

    @Test
    void payments_and_refunds_have_the_same_window() {
        List<JsonNode> payments = clover.all("/payments", 1000);
        List<JsonNode> allPayments = clover.all("/payments", 1000, "filter", "createdTime>=0");
        List<JsonNode> refunds = clover.all("/refunds", 1000);
        List<JsonNode> allRefunds = clover.all("/refunds", 1000, "filter", "createdTime>=0");

        assertThat(payments)
                .allSatisfy(p -> assertThat(p.path("createdTime").asLong()).isGreaterThanOrEqualTo(WINDOW_START));
        assertThat(allPayments).hasSize(clover.sandbox().data().payments(clover.mId()).size())
                .hasSizeGreaterThan(payments.size());
        assertThat(refunds)
                .allSatisfy(r -> assertThat(r.path("createdTime").asLong()).isGreaterThanOrEqualTo(WINDOW_START));
        assertThat(allRefunds).hasSize(clover.sandbox().data().refunds(clover.mId()).size())
                .hasSizeGreaterThan(refunds.size());
    }

    @Test
    void the_catalog_has_no_window() {
        assertThat(clover.get("/items").body().path("elements"))
                .hasSize(clover.sandbox().data().items(clover.mId()).size());
    }
}
