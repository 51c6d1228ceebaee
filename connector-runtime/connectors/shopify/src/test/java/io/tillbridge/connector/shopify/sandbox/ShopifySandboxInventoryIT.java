package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySandboxInventoryIT {

    private static ShopifySandbox shopify;
    private static ShopifyClient client;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(20).withRestBucket(1_000, 2));
        client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    private static JsonNode level(int index) {
        return shopify.shop().inventoryLevels().get(index);
    }

    @Test
    void every_stocked_variant_has_a_level_at_every_location() {
        long locations = shopify.shop().locations().size();
        long stocked = shopify.shop().products().stream().filter(p -> !p.path("gift_card").asBoolean())
                .mapToLong(p -> p.path("variants").size()).sum();

        assertThat(shopify.shop().inventoryLevels()).hasSize((int) (locations * stocked));
    }

    @Test
    void set_replaces_the_available_quantity_and_adjust_changes_it() {
        JsonNode level = level(1);
        Map<String, Object> where = Map.of("location_id", level.path("location_id").asLong(),
                "inventory_item_id", level.path("inventory_item_id").asLong());
        shopify.advance(Duration.ofMinutes(1));

        ShopifyClient.Answer set = client.post("inventory_levels/set.json", with(where, "available", 12));
        ShopifyClient.Answer adjust = client.post("inventory_levels/adjust.json",
                with(where, "available_adjustment", -3));

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("inventory_level").path("available").asInt()).isEqualTo(12);
        assertThat(adjust.body().path("inventory_level").path("available").asInt()).isEqualTo(9);
        ShopifyClient.Answer read = client.get("inventory_levels.json?inventory_item_ids="
                + level.path("inventory_item_id").asLong() + "&location_ids=" + level.path("location_id").asLong());
        assertThat(read.body().path("inventory_levels")).hasSize(1);
        assertThat(read.body().path("inventory_levels").get(0).path("available").asInt()).isEqualTo(9);
        ShopifyClient.Answer changed = client.get("inventory_levels.json?location_ids="
                + level.path("location_id").asLong() + "&updated_at_min=" + shopify.now().minusSeconds(1));
        assertThat(changed.body().path("inventory_levels")).extracting(l -> l.path("inventory_item_id").asLong())
                .contains(level.path("inventory_item_id").asLong());
    }

    @Test
    void a_write_without_its_quantity_or_to_an_unknown_location_answers_422() {
        JsonNode level = level(0);

        ShopifyClient.Answer missing = client.post("inventory_levels/set.json", Map.of(
                "location_id", level.path("location_id").asLong(),
                "inventory_item_id", level.path("inventory_item_id").asLong()));
        ShopifyClient.Answer nowhere = client.post("inventory_levels/set.json", Map.of("location_id", 1,
                "inventory_item_id", level.path("inventory_item_id").asLong(), "available", 1));

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().path("errors").path("available").get(0).asText()).isNotBlank();
        assertThat(nowhere.status()).isEqualTo(422);
        assertThat(nowhere.body().path("errors").has("location_id")).isTrue();
    }

    @Test
    void listing_levels_without_items_or_locations_answers_422() {
        assertThat(client.get("inventory_levels.json").status()).isEqualTo(422);
    }

    private static Map<String, Object> with(Map<String, Object> where, String key, Object value) {
        Map<String, Object> body = new HashMap<>(where);
        body.put(key, value);
        return body;
    }
}
