package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifyIncrementalReadIT {

    private ShopifyReads sandbox;

    @BeforeEach
    void start() {
        sandbox = new ShopifyReads(ShopifyReads.options(11, ShopProfile.US, 120), 25);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void a_refund_after_a_read_is_read_next_time_because_the_orders_updated_at_moved() {
        Set<String> refundedBefore = refundIds();
        CollectingSink firstOrders = sandbox.read(ShopifyStreams.ORDERS, null);
        CollectingSink firstRefunds = sandbox.read(PosStreams.REFUNDS, null);
        assertThat(ShopifyReads.keys(firstRefunds.committed())).containsExactlyInAnyOrderElementsOf(refundedBefore);

        for (int i = 0; i < 12 && refundIds().size() == refundedBefore.size(); i++) {
            sandbox.shopify.advance(Duration.ofHours(12));
        }
        Set<String> newRefunds = refundIds();
        newRefunds.removeAll(refundedBefore);
        assertThat(newRefunds).as("refunds made after the first read").isNotEmpty();

        CollectingSink refunds = sandbox.read(PosStreams.REFUNDS, firstRefunds.lastCheckpoint());
        assertThat(ShopifyReads.keys(refunds.committed())).containsAll(newRefunds);
        CollectingSink orders = sandbox.read(ShopifyStreams.ORDERS, firstOrders.lastCheckpoint());
        for (SourceRecord refund : refunds.committed()) {
            if (newRefunds.contains(refund.key())) {
                String order = (String) refund.data().get("order_id");
                SourceRecord reread = orders.committed().stream().filter(o -> o.key().equals(order)).findFirst()
                        .orElseThrow(() -> new AssertionError("order " + order + " was not read again"));
                assertThat(((List<?>) reread.data().get("refunds"))).isNotEmpty();
                assertThat(refund.version()).isEqualTo(reread.version());
            }
        }
        assertThat(ShopifyReads.versions(orders.committed()))
                .doesNotContainAnyElementsOf(ShopifyReads.versions(firstOrders.committed()));
    }

    @Test
    void an_offline_sale_that_arrives_after_a_read_is_read_next_time_with_its_original_created_at() {
        int late = sandbox.shopify.shop().lateSales().size();
        assertThat(late).isPositive();
        CollectingSink first = sandbox.read(ShopifyStreams.ORDERS, null);
        Set<String> before = new HashSet<>(ShopifyReads.keys(first.committed()));

        sandbox.shopify.advance(Duration.ofHours(4));
        CollectingSink second = sandbox.read(PosStreams.ORDERS, first.lastCheckpoint());

        List<SourceRecord> offline = second.committed().stream().filter(r -> !before.contains(r.key()))
                .filter(r -> Instant.parse((String) r.data().get("created_at")).isBefore(ShopifyReads.NOW)).toList();
        assertThat(offline).as("sales rung up before the first read that reached Shopify after it").isNotEmpty();
        int visible = sandbox.shopify.shop().orders().size();
        assertThat(before.size() + second.committed().stream().filter(r -> !before.contains(r.key())).count())
                .isEqualTo(visible);
    }

    @Test
    void an_order_that_became_visible_late_inside_the_look_back_is_read_and_only_it() throws Exception {
        CollectingSink first = sandbox.read(ShopifyStreams.ORDERS, null);
        ObjectNode checkpoint = (ObjectNode) ShopifyApi.JSON.readTree(first.lastCheckpoint().value());
        Instant since = Instant.parse(checkpoint.path("since").asText());
        // The newest order updated within the look-back, as if the first read had not seen it yet.
        JsonNode late = sandbox.shopify.shop().orders().stream()
                .filter(o -> !OffsetDateTime.parse(o.path("updated_at").asText()).toInstant()
                        .isBefore(since.minus(Duration.ofMinutes(15))))
                .min(Comparator.comparing(o -> OffsetDateTime.parse(o.path("updated_at").asText()).toInstant()))
                .orElseThrow();
        String id = late.path("id").asText();
        assertThat(checkpoint.path("seen").has(id)).isTrue();
        ((ObjectNode) checkpoint.path("seen")).remove(id);

        CollectingSink second = sandbox.read(ShopifyStreams.ORDERS, new Checkpoint(checkpoint.toString()));

        assertThat(ShopifyReads.keys(second.committed())).containsExactly(id);
        CollectingSink third = sandbox.read(ShopifyStreams.ORDERS, second.lastCheckpoint());
        assertThat(third.committed()).isEmpty();
    }

    private Set<String> refundIds() {
        Set<String> ids = new HashSet<>();
        sandbox.shopify.shop().orders().forEach(o -> o.path("refunds").forEach(r -> ids.add(r.path("id").asText())));
        return ids;
    }
}
