package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WebhookSubscriptions.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions registered through the Admin API, the sandbox's signed deliveries, and fetches by key. */
class ShopifyWebhooksIT {

    private ShopifyReads sandbox;
    private LoopbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        sandbox = new ShopifyReads(ShopifyReads.options(17, ShopProfile.US, 60), 25);
        receiver = new LoopbackReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        sandbox.close();
    }

    @Test
    void subscribing_registers_every_topic_once_and_the_deliveries_verify_and_carry_what_a_fetch_reads()
            throws Exception {
        Subscription subscription;
        try (ShopifyConnector connector = sandbox.connector()) {
            subscription = connector.subscribe(sandbox.config, receiver.url());
            assertThat(connector.subscribe(sandbox.config, receiver.url())).isEqualTo(subscription);
        }
        assertThat(subscription.id().split(",")).hasSize(ShopifyConnector.TOPICS.size());
        assertThat(subscription.signingSecret()).isEqualTo(sandbox.shopify.options().clientSecret());

        sandbox.shopify.advance(Duration.ofHours(8));
        assertThat(sandbox.shopify.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        List<WebhookRequest> deliveries = receiver.received();
        assertThat(deliveries).isNotEmpty();

        Map<String, ChangedObject> latestOrders = new LinkedHashMap<>();
        Map<String, ChangedObject> latestCanonical = new LinkedHashMap<>();
        List<String> topics = new ArrayList<>();
        try (ShopifyConnector connector = sandbox.connector()) {
            for (WebhookRequest delivery : deliveries) {
                // Delivered at once: the connector's now is the moment Shopify triggered it.
                sandbox.time.set(Instant.parse(delivery.header("X-Shopify-Triggered-At").orElseThrow()));
                WebhookEvent event = connector.receive(sandbox.config, subscription.signingSecret(), delivery)
                        .events().get(0);
                assertThat(event.eventId()).isEqualTo(delivery.header("X-Shopify-Webhook-Id").orElseThrow());
                topics.add(event.type());
                for (ChangedObject change : event.changes()) {
                    if (change.stream().equals(ShopifyStreams.ORDERS) && change.record() != null) {
                        latestOrders.put(change.key(), change);
                    }
                    if (change.stream().equals(PosStreams.ORDERS)) {
                        assertThat(change.record()).as("a canonical order is fetched, not carried").isNull();
                        latestCanonical.put(change.key(), change);
                    }
                }
            }
        }
        assertThat(topics).contains("orders/create", "inventory_levels/update");
        assertThat(latestOrders).isNotEmpty();
        List<String> keys = List.copyOf(latestOrders.keySet()).subList(0, Math.min(50, latestOrders.size()));
        assertThat(assertSameAsFetched(ShopifyStreams.ORDERS, keys, latestOrders)).isPositive();
        assertThat(latestCanonical).isNotEmpty();
        List<String> canonicalKeys = latestCanonical.keySet().stream().limit(50).toList();
        CollectingSink canonical = new CollectingSink();
        try (ShopifyConnector connector = sandbox.connector()) {
            connector.fetch(sandbox.config, PosStreams.ORDERS, canonicalKeys, canonical);
        }
        assertThat(canonical.uncommitted()).extracting(SourceRecord::key)
                .containsExactlyInAnyOrderElementsOf(canonicalKeys);
        for (SourceRecord record : canonical.uncommitted()) {
            assertThat(Instant.parse(record.version())).as("fetched %s", record.key())
                    .isAfterOrEqualTo(Instant.parse(latestCanonical.get(record.key()).version()));
        }

        try (ShopifyConnector connector = sandbox.connector()) {
            connector.unsubscribe(sandbox.config, subscription.id());
            connector.unsubscribe(sandbox.config, subscription.id());
        }
        int before = receiver.received().size();
        sandbox.shopify.advance(Duration.ofHours(4));
        assertThat(sandbox.shopify.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        assertThat(receiver.received()).hasSize(before);
    }

    /** Checks the carried records against a fetch; answers how many were at the same version (and equal). */
    private int assertSameAsFetched(String stream, List<String> keys, Map<String, ChangedObject> carried) {
        int same = 0;
        CollectingSink fetched = new CollectingSink();
        try (ShopifyConnector connector = sandbox.connector()) {
            connector.fetch(sandbox.config, stream, keys, fetched);
        }
        assertThat(fetched.received()).isEqualTo(keys.size());
        for (SourceRecord record : fetched.uncommitted()) {
            ChangedObject change = carried.get(record.key());
            if (change.version().equals(record.version())) {
                assertThat(change.record()).as("%s %s as carried and as fetched", stream, record.key())
                        .isEqualTo(record);
                same++;
            } else {
                assertThat(Instant.parse(change.version())).isBefore(Instant.parse(record.version()));
            }
        }
        return same;
    }

    @Test
    void a_fetch_by_key_reads_exactly_those_orders_as_a_read_emits_them_and_skips_unknown_ones() {
        List<SourceRecord> all = sandbox.read(PosStreams.ORDERS, null).committed();
        List<SourceRecord> wanted = List.of(all.get(3), all.get(17), all.get(40));
        List<String> keys = new ArrayList<>(ShopifyReads.keys(wanted));
        keys.add("1");
        CollectingSink sink = new CollectingSink();
        try (ShopifyConnector connector = sandbox.connector()) {
            connector.fetch(sandbox.config, PosStreams.ORDERS, keys, sink);
        }
        assertThat(sink.uncommitted()).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(sink.lastCheckpoint()).as("a fetch emits no checkpoint").isNull();
    }

    @Test
    void a_fetch_of_more_keys_than_allowed_or_of_a_stream_without_keys_fails_config() {
        try (ShopifyConnector connector = sandbox.connector()) {
            List<String> many = IntStream.rangeClosed(1, connector.maxKeysPerFetch() + 1).mapToObj(Integer::toString)
                    .toList();
            assertThatThrownBy(() -> connector.fetch(sandbox.config, ShopifyStreams.ORDERS, many, new CollectingSink()))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG));
            assertThatThrownBy(() -> connector.fetch(sandbox.config, PosStreams.REFUNDS, List.of("1"),
                    new CollectingSink())).isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG));
        }
    }
}
