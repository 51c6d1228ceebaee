package io.tillbridge.connector.shopify.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ShopifySandbox} behaves. Start from {@link #defaults()} and change what a test needs:
 * {@code ShopifySandboxOptions.defaults().withSeed(7).withOrders(3_000)}.
 *
 * @param seed the same seed (with the same clock and the same calls to {@code advance}) gives the same data
 * @param shops the shops served, each under its own path prefix ({@link ShopifySandbox#shopUri(String)})
 * @param clock the sandbox's time: the data's timestamps, the rate-limit buckets' leaking and the
 *     arrival of late orders; {@link ShopifySandbox#advance} moves it further
 * @param orders orders per shop created by the seed over {@code history}
 * @param history how far back the seeded orders go
 * @param products products per shop (each with one to four variants)
 * @param customers customers per shop
 * @param clientId the app's API key (OAuth {@code client_id})
 * @param clientSecret the app's secret: signs OAuth redirects and webhooks
 * @param restBucket REST leaky bucket size per app and shop (Shopify standard plan: 40)
 * @param restLeakPerSecond requests the REST bucket leaks per second (standard plan: 2)
 * @param graphqlBucket GraphQL cost bucket in points (1000 in Shopify's older documentation)
 * @param graphqlRestorePerSecond points the GraphQL bucket restores per second (standard plan: 100)
 * @param graphqlThrottleStatus the HTTP status of a throttled GraphQL answer, 200 or 429: Shopify's
 *     documentation does not say which
 * @param ordersPerHour new orders per location and hour while the clock is advanced
 * @param webhookAttempts delivery attempts of one webhook (the first included)
 * @param webhookRetryDelay the wait before the first retry; it doubles per retry (Shopify retries over
 *     hours; the sandbox compresses that so that tests see retries)
 * @param webhookDuplicates whether every webhook is delivered twice (same webhook id), as Shopify may
 * @param apiVersion the API version the sandbox reports in {@code X-Shopify-API-Version}
 * @param port the port to listen on (127.0.0.1); 0 picks a free one
 */
public record ShopifySandboxOptions(
        long seed,
        List<ShopProfile> shops,
        Clock clock,
        int orders,
        Duration history,
        int products,
        int customers,
        String clientId,
        String clientSecret,
        int restBucket,
        double restLeakPerSecond,
        int graphqlBucket,
        int graphqlRestorePerSecond,
        int graphqlThrottleStatus,
        int ordersPerHour,
        int webhookAttempts,
        Duration webhookRetryDelay,
        boolean webhookDuplicates,
        String apiVersion,
        int port) {

    public ShopifySandboxOptions {
        shops = List.copyOf(shops);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(webhookRetryDelay, "webhookRetryDelay");
        if (shops.isEmpty() || shops.stream().map(ShopProfile::handle).distinct().count() != shops.size()) {
            throw new IllegalArgumentException("at least one shop, each with its own handle");
        }
        if (orders < 0 || customers < 0 || ordersPerHour < 0 || products < 1) {
            throw new IllegalArgumentException("counts must not be negative, and a shop needs a product");
        }
        if (restBucket < 1 || restLeakPerSecond <= 0 || graphqlBucket < 1 || graphqlRestorePerSecond < 1
                || webhookAttempts < 1) {
            throw new IllegalArgumentException("buckets, rates and attempts must be positive");
        }
        if (graphqlThrottleStatus != 200 && graphqlThrottleStatus != 429) {
            throw new IllegalArgumentException("graphqlThrottleStatus is 200 or 429");
        }
    }

    /** Shopify's standard-plan limits, one US shop with 150 orders over 30 days. */
    public static ShopifySandboxOptions defaults() {
        return new ShopifySandboxOptions(1L, List.of(ShopProfile.US), Clock.systemUTC(), 150, Duration.ofDays(30),
                24, 30, "sandbox-shopify-api-key", "sandbox-shopify-api-secret", 40, 2.0, 1000, 100, 200, 3, 3,
                Duration.ofMillis(200), false, "2025-07", 0);
    }

    public ShopifySandboxOptions withSeed(long value) {
        return new ShopifySandboxOptions(value, shops, clock, orders, history, products, customers, clientId,
                clientSecret, restBucket, restLeakPerSecond, graphqlBucket, graphqlRestorePerSecond,
                graphqlThrottleStatus, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates,
                apiVersion, port);
    }

    public ShopifySandboxOptions withShops(ShopProfile... value) {
        return new ShopifySandboxOptions(seed, List.of(value), clock, orders, history, products, customers, clientId,
                clientSecret, restBucket, restLeakPerSecond, graphqlBucket, graphqlRestorePerSecond,
                graphqlThrottleStatus, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates,
                apiVersion, port);
    }

    public ShopifySandboxOptions withClock(Clock value) {
        return new ShopifySandboxOptions(seed, shops, value, orders, history, products, customers, clientId,
                clientSecret, restBucket, restLeakPerSecond, graphqlBucket, graphqlRestorePerSecond,
                graphqlThrottleStatus, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates,
                apiVersion, port);
    }

    public ShopifySandboxOptions withOrders(int value) {
        return new ShopifySandboxOptions(seed, shops, clock, value, history, products, customers, clientId,
                clientSecret, restBucket, restLeakPerSecond, graphqlBucket, graphqlRestorePerSecond,
                graphqlThrottleStatus, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates,
                apiVersion, port);
    }

    public ShopifySandboxOptions withRestBucket(int size, double leakPerSecond) {
        return new ShopifySandboxOptions(seed, shops, clock, orders, history, products, customers, clientId,
                clientSecret, size, leakPerSecond, graphqlBucket, graphqlRestorePerSecond,
                graphqlThrottleStatus, ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates,
                apiVersion, port);
    }

    public ShopifySandboxOptions withGraphqlBucket(int points, int restorePerSecond, int throttleStatus) {
        return new ShopifySandboxOptions(seed, shops, clock, orders, history, products, customers, clientId,
                clientSecret, restBucket, restLeakPerSecond, points, restorePerSecond, throttleStatus,
                ordersPerHour, webhookAttempts, webhookRetryDelay, webhookDuplicates, apiVersion, port);
    }

    public ShopifySandboxOptions withWebhooks(int attempts, Duration retryDelay, boolean duplicates) {
        return new ShopifySandboxOptions(seed, shops, clock, orders, history, products, customers, clientId,
                clientSecret, restBucket, restLeakPerSecond, graphqlBucket, graphqlRestorePerSecond,
                graphqlThrottleStatus, ordersPerHour, attempts, retryDelay, duplicates, apiVersion, port);
    }
}
