package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.shopify.sandbox.ShopifySandbox;
import io.tillbridge.connector.shopify.sandbox.ShopifySandboxOptions;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Shopify's leaky bucket: the sandbox runs on the connector's test time, so its bucket leaks exactly as
 * long as the connector waits, and nothing else changes the shop meanwhile.
 */
class ShopifyRateLimitIT {

    /** A context whose gate records every 429 the connector reports to it. */
    private static final class RecordingContext implements ConnectorContext {
        final List<Duration> backOffs = new CopyOnWriteArrayList<>();
        private final InProcessConnectorContext inner;

        RecordingContext(ManualTime time) {
            inner = new InProcessConnectorContext(Double.POSITIVE_INFINITY, 1, Duration.ofMinutes(10), time,
                    time::sleep).withEgress(TestEgress.LOOPBACK);
        }

        @Override
        public CallGate gate(String provider, String account) {
            CallGate gate = inner.gate(provider, account);
            return new CallGate() {
                @Override
                public boolean acquire(BooleanSupplier stopRequested) {
                    return gate.acquire(stopRequested);
                }

                @Override
                public void backOff(Duration retryAfter) {
                    backOffs.add(retryAfter);
                    gate.backOff(retryAfter);
                }
            };
        }

        @Override
        public OAuthTokenStore oauthTokens(OAuthTokens initial) {
            return inner.oauthTokens(initial);
        }

        @Override
        public io.tillbridge.connector.spi.EgressPolicy egress() {
            return inner.egress();
        }
    }

    private static CollectingSink read(ShopifySandbox shopify, ManualTime time, RecordingContext context,
            ShopifyConfig config, String stream) {
        CollectingSink sink = new CollectingSink();
        try (ShopifyConnector connector = new ShopifyConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5)) {
            connector.useContext(context);
            connector.read(config, stream, null, sink);
        }
        return sink;
    }

    private static ShopifyConfig config(ShopifySandbox shopify, int retries) {
        return ShopifyConfig.of(shopify.baseUri(), shopify.shop().domain(), shopify.issueToken())
                .withPaging(15, 5, retries);
    }

    @Test
    void pacing_by_the_call_limit_header_reads_everything_without_a_single_429() {
        ManualTime time = new ManualTime(ShopifyReads.NOW);
        try (ShopifySandbox shopify = ShopifySandbox.start(ShopifySandboxOptions.defaults().withClock(time)
                .withShops(ShopProfile.US).withOrders(150))) {
            RecordingContext context = new RecordingContext(time);
            CollectingSink orders = read(shopify, time, context, config(shopify, 4), PosStreams.PAYMENTS);

            assertThat(orders.committed()).hasSizeGreaterThanOrEqualTo(150);
            assertThat(context.backOffs).as("429s").isEmpty();
            assertThat(time.waits()).as("waits for the bucket to leak").isNotEmpty();
        }
    }

    @Test
    void a_bucket_that_leaks_slower_than_expected_slows_the_sync_down_but_never_fails_it() {
        ManualTime time = new ManualTime(ShopifyReads.NOW);
        // An eighth of the standard leak: every wait the connector computes from the header is too short.
        try (ShopifySandbox shopify = ShopifySandbox.start(ShopifySandboxOptions.defaults().withClock(time)
                .withShops(ShopProfile.US).withOrders(120).withRestBucket(40, 0.25))) {
            RecordingContext context = new RecordingContext(time);
            // No retries in the client: every 429 goes back to the connector, which starts the call again.
            CollectingSink payments = read(shopify, time, context, config(shopify, 0), PosStreams.PAYMENTS);

            int transactions = shopify.shop().orders().stream()
                    .mapToInt(o -> shopify.shop().transactions(o.path("id").asLong()).size()).sum();
            assertThat(context.backOffs).as("429s").hasSizeGreaterThan(3);
            assertThat(payments.committed()).isNotEmpty().hasSizeLessThanOrEqualTo(transactions);
            assertThat(ShopifyReads.keys(payments.committed())).doesNotHaveDuplicates();
            CollectingSink orders = read(shopify, time, context, config(shopify, 0), ShopifyStreams.ORDERS);
            assertThat(orders.committed()).hasSize(shopify.shop().orders().size());
        }
    }
}
