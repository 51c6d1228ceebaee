package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxRateLimitIT {

    private static ShopifySandbox shopify;
    private static ShopifyClient client;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(20));
        client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    /** Each test starts with an empty bucket: a minute of the sandbox clock leaks more than the 40 it holds. */
    @BeforeEach
    void emptyTheBucket() {
        shopify.advance(Duration.ofMinutes(1));
    }

    @Test
    void every_response_reports_the_bucket_and_the_41st_request_answers_429_with_retry_after() {
        for (int i = 1; i <= 40; i++) {
            ShopifyClient.Answer answer = client.get("shop.json");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("X-Shopify-Shop-Api-Call-Limit")).isEqualTo(i + "/40");
        }

        ShopifyClient.Answer full = client.get("shop.json");

        assertThat(full.status()).isEqualTo(429);
        assertThat(full.header("X-Shopify-Shop-Api-Call-Limit")).isEqualTo("40/40");
        assertThat(Integer.parseInt(full.header("Retry-After"))).isEqualTo(1);
        assertThat(full.body().path("errors").asText()).startsWith("Exceeded 2 calls per second");
    }

    @Test
    void the_bucket_leaks_two_requests_per_second_of_the_sandbox_clock() {
        for (int i = 0; i < 40; i++) {
            client.get("shop.json");
        }
        assertThat(client.get("shop.json").status()).isEqualTo(429);

        shopify.advance(Duration.ofSeconds(1));

        ShopifyClient.Answer after = client.get("shop.json");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("X-Shopify-Shop-Api-Call-Limit")).isEqualTo("39/40");
    }

    @Test
    void a_locked_shop_answers_423_until_unlocked() {
        shopify.faults().lock("tillbridge-demo");
        ShopifyClient.Answer locked = client.get("orders.json");
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.body().path("errors").isTextual()).isTrue();

        shopify.faults().unlock("tillbridge-demo");
        assertThat(client.get("orders.json").status()).isEqualTo(200);
    }

    @Test
    void planned_server_errors_answer_the_next_requests_then_stop() {
        shopify.faults().failNext(2, 503);

        assertThat(client.get("orders.json").status()).isEqualTo(503);
        assertThat(client.get("orders.json").status()).isEqualTo(503);
        assertThat(client.get("orders.json").status()).isEqualTo(200);
    }

    @Test
    void an_unknown_resource_answers_404_with_an_errors_body() {
        ShopifyClient.Answer answer = client.get("gadgets.json");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("errors").asText()).isEqualTo("Not Found");
    }
}
