package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySandboxShopsIT {

    private static ShopifySandbox shopify;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(30)
                .withShops(ShopProfile.US, ShopProfile.JAPAN));
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @Test
    void each_shop_answers_under_its_own_domain_with_its_own_data() {
        String token = shopify.issueToken("tillbridge-tokyo", Set.of("read_orders"));
        ShopifyClient tokyo = new ShopifyClient(shopify.shopUri("tillbridge-tokyo"), token);

        ShopifyClient.Answer shop = tokyo.get("shop.json");
        ShopifyClient.Answer orders = tokyo.get("orders.json?status=any&limit=250");

        assertThat(shopify.shopUri("tillbridge-tokyo").getPath()).isEqualTo("/tillbridge-tokyo.myshopify.com");
        assertThat(shop.body().path("shop").path("iana_timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(shop.body().path("shop").path("currency").asText()).isEqualTo("JPY");
        assertThat(orders.body().path("orders")).hasSize(shopify.shop("tillbridge-tokyo").orders().size())
                .allSatisfy(order -> assertThat(order.path("currency").asText()).isEqualTo("JPY"));
    }

    @Test
    void a_token_of_one_shop_is_not_valid_at_another() {
        String token = shopify.issueToken("tillbridge-tokyo", Set.of("read_orders"));

        ShopifyClient.Answer answer = new ShopifyClient(shopify.shopUri("tillbridge-demo"), token).get("orders.json");

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void an_unknown_shop_answers_404() {
        ShopifyClient client = new ShopifyClient(URI.create(shopify.baseUri().toString()
                .replace("tillbridge-demo", "nobody")), shopify.issueToken());

        assertThat(client.get("orders.json").status()).isEqualTo(404);
    }
}
