package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShopifySandboxThrottleIT {

    private static final String QUERY = "{ orders(first: 100) { nodes { id } } }";

    @Test
    void a_query_that_does_not_fit_the_cost_bucket_is_throttled_with_the_chosen_status() {
        for (int status : new int[] {200, 429}) {
            try (ShopifySandbox shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(150)
                    .withGraphqlBucket(150, 50, status))) {
                ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
                assertThat(client.graphql(QUERY).body().has("errors")).isFalse();

                ShopifyClient.Answer throttled = client.graphql(QUERY);

                assertThat(throttled.status()).isEqualTo(status);
                JsonNode error = throttled.body().path("errors").get(0);
                assertThat(error.path("message").asText()).isEqualTo("Throttled");
                assertThat(error.path("extensions").path("code").asText()).isEqualTo("THROTTLED");
                JsonNode cost = throttled.body().path("extensions").path("cost");
                assertThat(cost.path("requestedQueryCost").asInt()).isEqualTo(102);
                assertThat(cost.path("actualQueryCost").isNull()).isTrue();
                assertThat(cost.path("throttleStatus").path("currentlyAvailable").asInt()).isEqualTo(48);

                shopify.advance(Duration.ofSeconds(2));
                assertThat(client.graphql(QUERY).body().has("errors")).isFalse();
            }
        }
    }

    @Test
    void a_query_costing_more_than_the_bucket_is_refused_outright() {
        try (ShopifySandbox shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(10))) {
            ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());

            JsonNode body = client.graphql("{ orders(first: 250) { nodes { lineItems(first: 50) { nodes { id } } } } }")
                    .body();

            assertThat(body.path("errors").get(0).path("extensions").path("code").asText())
                    .isEqualTo("MAX_COST_EXCEEDED");
        }
    }
}
