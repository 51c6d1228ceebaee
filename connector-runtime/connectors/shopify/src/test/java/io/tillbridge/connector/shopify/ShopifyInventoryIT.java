package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pos.inventory} from the sandbox's inventory levels, named by their variants' SKUs. */
class ShopifyInventoryIT {

    private static final int PAGE = 10;

    private ShopifyReads sandbox;

    @BeforeEach
    void start() {
        sandbox = new ShopifyReads(ShopifyReads.options(8, ShopProfile.US, 0), PAGE);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void every_level_of_the_shop_is_one_record_with_its_variants_sku_and_the_exact_quantity() {
        Map<String, JsonNode> variantsByItem = new HashMap<>();
        Map<String, JsonNode> productOfVariant = new HashMap<>();
        for (JsonNode product : sandbox.shopify.shop().products()) {
            product.path("variants").forEach(v -> {
                variantsByItem.put(v.path("inventory_item_id").asText(), v);
                productOfVariant.put(v.path("id").asText(), product);
            });
        }
        List<? extends JsonNode> levels = sandbox.shopify.shop().inventoryLevels();
        assertThat(levels).as("more levels than ten pages").hasSizeGreaterThan(PAGE * 10);

        CollectingSink sink = sandbox.read(PosStreams.INVENTORY, null);

        List<SourceRecord> records = sink.committed();
        assertThat(sink.uncommitted()).isEmpty();
        assertThat(records).hasSize(levels.size());
        assertThat(ShopifyReads.keys(records)).doesNotHaveDuplicates();
        Map<String, SourceRecord> byKey = new HashMap<>();
        records.forEach(r -> byKey.put(r.key(), r));
        for (JsonNode level : levels) {
            JsonNode variant = variantsByItem.get(level.path("inventory_item_id").asText());
            String key = level.path("location_id").asText() + ":" + variant.path("id").asText();
            SourceRecord record = byKey.get(key);
            assertThat(record).as("the record of level %s", key).isNotNull();
            Map<String, Object> data = record.data();
            assertThat(data).containsEntry("vendor", "shopify").containsEntry("state", "in_stock")
                    .containsEntry("location_id", level.path("location_id").asText())
                    .containsEntry("variation_id", variant.path("id").asText())
                    .containsEntry("item_id", variant.path("product_id").asText())
                    .containsEntry("sku", variant.path("sku").asText());
            assertThat((BigDecimal) data.get("quantity")).isEqualTo(new BigDecimal(level.path("available").asText()));
            JsonNode product = productOfVariant.get(variant.path("id").asText());
            String title = variant.path("title").asText();
            assertThat(data.get("name")).isEqualTo("Default Title".equals(title) ? product.path("title").asText()
                    : product.path("title").asText() + ", " + title);
            assertThat(data.get("updated_at")).isEqualTo(ShopifyOrderTranslation.utc(level.path("updated_at").asText()));
        }
    }

    @Test
    void a_level_set_again_to_its_quantity_within_the_look_back_is_not_read_again_and_a_changed_level_is()
            throws Exception {
        List<? extends JsonNode> levels = sandbox.shopify.shop().inventoryLevels();
        JsonNode same = levels.get(4);
        JsonNode changed = levels.get(7);
        CollectingSink first = sandbox.read(PosStreams.INVENTORY, null);
        sandbox.shopify.advance(Duration.ofMinutes(2));
        set(same, same.path("available").asInt() + 1);
        CollectingSink second = sandbox.read(PosStreams.INVENTORY, first.lastCheckpoint());
        assertThat(second.committed()).extracting(r -> r.data().get("quantity"))
                .containsExactly(BigDecimal.valueOf(same.path("available").asInt() + 1L));
        sandbox.shopify.advance(Duration.ofMinutes(2));

        // Counted again at the same quantity (its update time moves), and another level changed.
        set(same, same.path("available").asInt() + 1);
        set(changed, changed.path("available").asInt() + 5);
        CollectingSink third = sandbox.read(PosStreams.INVENTORY, second.lastCheckpoint());

        assertThat(third.committed()).hasSize(1);
        SourceRecord record = third.committed().get(0);
        assertThat(record.data()).containsEntry("location_id", changed.path("location_id").asText());
        assertThat((BigDecimal) record.data().get("quantity"))
                .isEqualTo(BigDecimal.valueOf(changed.path("available").asInt() + 5L));
        assertThat(ShopifyReads.versions(third.committed()))
                .doesNotContainAnyElementsOf(ShopifyReads.versions(first.committed()));
    }

    /** {@code POST inventory_levels/set.json} as another app (or the merchant) would. */
    private void set(JsonNode level, int available) throws Exception {
        String body = "{\"location_id\":" + level.path("location_id").asLong() + ",\"inventory_item_id\":"
                + level.path("inventory_item_id").asLong() + ",\"available\":" + available + "}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                sandbox.config.api("inventory_levels/set").toString())).header("X-Shopify-Access-Token",
                sandbox.config.accessToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
