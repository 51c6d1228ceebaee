package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code variants/{id}.json}: a variant read and its SKU changed, as a merchant does in Shopify's admin. */
class ShopifySandboxVariantsIT {

    private static ShopifySandbox shopify;
    private static ShopifyClient client;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(0).withRestBucket(1_000, 2));
        client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    private static List<JsonNode> variants() {
        return shopify.shop().products().stream().filter(p -> !p.path("gift_card").asBoolean())
                .flatMap(p -> {
                    List<JsonNode> out = new java.util.ArrayList<>();
                    p.path("variants").forEach(out::add);
                    return out.stream();
                }).toList();
    }

    @Test
    void a_variant_is_read_by_its_id() {
        JsonNode variant = variants().get(0);

        ShopifyClient.Answer read = client.get("variants/" + variant.path("id").asLong() + ".json");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("variant")).isEqualTo(variant);
        assertThat(client.get("variants/1.json").status()).isEqualTo(404);
    }

    @Test
    void putting_a_sku_changes_the_variant_and_moves_its_product_on_and_two_variants_may_share_it() {
        List<JsonNode> variants = variants();
        JsonNode first = variants.get(1);
        JsonNode second = variants.get(2);
        shopify.advance(Duration.ofMinutes(3));
        Instant at = shopify.now();

        ShopifyClient.Answer one = client.put("variants/" + first.path("id").asLong() + ".json",
                Map.of("variant", Map.of("id", first.path("id").asLong(), "sku", "SHARED-1")));
        ShopifyClient.Answer two = client.put("variants/" + second.path("id").asLong() + ".json",
                Map.of("variant", Map.of("sku", "SHARED-1")));

        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(two.status()).isEqualTo(200);
        assertThat(one.body().path("variant").path("sku").asText()).isEqualTo("SHARED-1");
        ObjectNode product = shopify.shop().products().stream()
                .filter(p -> p.path("id").asLong() == first.path("product_id").asLong()).findFirst().orElseThrow();
        assertThat(ShopifyJson.parseTime(product.path("updated_at").asText())).isEqualTo(at);
        ShopifyClient.Answer changed = client.get("products.json?updated_at_min=" + at + "&fields=id,variants");
        assertThat(changed.body().path("products")).extracting(p -> p.path("id").asLong())
                .contains(first.path("product_id").asLong(), second.path("product_id").asLong());
        assertThat(variants()).filteredOn(v -> "SHARED-1".equals(v.path("sku").asText())).hasSize(2);
    }

    @Test
    void a_put_without_write_products_answers_403_and_other_fields_answer_400() {
        JsonNode variant = variants().get(3);
        ShopifyClient readOnly = new ShopifyClient(shopify.baseUri(), shopify.issueToken(
                shopify.shop().profile().handle(), Set.of("read_products")));

        ShopifyClient.Answer refused = readOnly.put("variants/" + variant.path("id").asLong() + ".json",
                Map.of("variant", Map.of("sku", "X")));
        ShopifyClient.Answer other = client.put("variants/" + variant.path("id").asLong() + ".json",
                Map.of("variant", Map.of("weight", 2)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(other.status()).isEqualTo(400);
        assertThat(variants().get(3).path("sku")).isEqualTo(variant.path("sku"));
    }
}
