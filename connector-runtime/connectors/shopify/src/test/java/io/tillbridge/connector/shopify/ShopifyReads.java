package io.tillbridge.connector.shopify;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.shopify.sandbox.ShopifySandbox;
import io.tillbridge.connector.shopify.sandbox.ShopifySandboxOptions;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A Shopify sandbox at a fixed time, with a bucket large enough that reads never wait (the rate-limit
 * test sets its own), and connectors that read it over loopback with observed waits.
 */
final class ShopifyReads implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    final ShopifySandbox shopify;
    final ManualTime time = new ManualTime(NOW);
    final ShopifyConfig config;

    ShopifyReads(ShopifySandboxOptions options, int pageSize) {
        this.shopify = ShopifySandbox.start(options);
        ShopProfile shop = options.shops().get(0);
        this.config = ShopifyConfig.of(shopify.shopUri(shop.handle()), shop.domain(),
                shopify.issueToken(shop.handle(), java.util.Set.of("read_orders", "read_products", "read_inventory",
                        "write_inventory", "read_customers", "read_locations")))
                .withApp(options.clientId(), options.clientSecret()).withPaging(15, pageSize, 4);
    }

    static ShopifySandboxOptions options(long seed, ShopProfile shop, int orders) {
        return ShopifySandboxOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withSeed(seed)
                .withShops(shop).withOrders(orders).withRestBucket(1_000_000, 1_000);
    }

    ShopifyConnector connector() {
        return new ShopifyConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    CollectingSink read(String stream, Checkpoint checkpoint) {
        return read(config, stream, checkpoint);
    }

    CollectingSink read(ShopifyConfig with, String stream, Checkpoint checkpoint) {
        CollectingSink sink = new CollectingSink();
        try (ShopifyConnector connector = connector()) {
            connector.read(with, stream, checkpoint, sink);
        }
        return sink;
    }

    /** A connector on test time, for tests with a server of their own. */
    static ShopifyConnector standalone() {
        ManualTime time = new ManualTime(NOW);
        return new ShopifyConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    static List<String> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    static List<String> versions(List<SourceRecord> records) {
        return records.stream().map(r -> r.key() + "@" + r.version()).toList();
    }

    @Override
    public void close() {
        shopify.close();
    }
}
