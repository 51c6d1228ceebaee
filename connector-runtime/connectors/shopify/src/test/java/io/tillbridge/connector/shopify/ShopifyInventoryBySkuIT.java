package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code inventory_levels.set_by_sku} against the sandbox: the level is found by its variant's SKU. */
class ShopifyInventoryBySkuIT {

    private static final String OBJECT = ShopifyStreamDescriptors.INVENTORY_SET_BY_SKU;

    private ShopifyReads sandbox;
    private List<JsonNode> variants;
    private String location;

    @BeforeEach
    void start() {
        // Ten products a page: the SKUs are found across pages.
        sandbox = new ShopifyReads(ShopifyReads.options(12, ShopProfile.US, 0), 10);
        variants = new ArrayList<>();
        sandbox.shopify.shop().products().stream().filter(p -> !p.path("gift_card").asBoolean())
                .forEach(p -> p.path("variants").forEach(variants::add));
        location = sandbox.shopify.shop().locations().get(1).path("id").asText();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void a_level_named_by_sku_is_set_on_its_variants_inventory_item_across_pages_of_products() {
        JsonNode variant = variants.get(variants.size() - 1);
        long before = sandbox.shopify.requests("POST", "inventory_levels/set");

        List<WriteResult> results = write(record("k1", variant.path("sku").asText(), location, "17"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.WRITTEN);
            assertThat(r.targetRef()).isEqualTo(variant.path("inventory_item_id").asText() + ":" + location);
        });
        assertThat(available(variant, location)).isEqualTo(17);
        assertThat(sandbox.shopify.requests("POST", "inventory_levels/set")).isEqualTo(before + 1);
    }

    @Test
    void an_unknown_sku_is_rejected_naming_it() {
        List<WriteResult> results = write(record("k1", "NO-SUCH-SKU", location, "3"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.reason()).isEqualTo("no variant with SKU 'NO-SUCH-SKU' in the shop");
        });
    }

    @Test
    void a_sku_on_two_variants_is_rejected_naming_both_and_nothing_is_set() throws Exception {
        JsonNode one = variants.get(2);
        JsonNode two = variants.get(5);
        putSku(two, one.path("sku").asText());
        long before = sandbox.shopify.requests("POST", "inventory_levels/set");

        List<WriteResult> results = write(record("k1", one.path("sku").asText(), location, "3"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.reason()).contains("'" + one.path("sku").asText() + "' is on 2 variants")
                    .contains(one.path("id").asText()).contains(two.path("id").asText());
        });
        assertThat(sandbox.shopify.requests("POST", "inventory_levels/set")).isEqualTo(before);
    }

    @Test
    void a_fractional_quantity_is_rejected_with_a_readable_reason_and_a_whole_decimal_is_set() {
        JsonNode variant = variants.get(3);

        List<WriteResult> results = write(record("k1", variant.path("sku").asText(), location, "2.5"),
                record("k2", variant.path("sku").asText(), location, "8.000"));

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(results.get(0).reason()).isEqualTo("available 2.5 is not a whole number: Shopify counts whole"
                + " units, so a fractional stock (sold by weight) cannot be set");
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(available(variant, location)).isEqualTo(8);
    }

    @Test
    void a_location_that_is_not_a_shopify_id_or_not_the_shops_is_rejected() {
        JsonNode variant = variants.get(3);

        List<WriteResult> results = write(record("k1", variant.path("sku").asText(), "L88917AVBK2S5", "1"),
                record("k2", variant.path("sku").asText(), "42", "1"), record("k3", "  ", location, "1"));

        assertThat(results).extracting(WriteResult::outcome).containsOnly(Outcome.REJECTED);
        assertThat(results.get(0).reason()).contains("location_id must be a Shopify location id")
                .contains("L88917AVBK2S5");
        assertThat(results.get(1).reason()).startsWith("Shopify refused the level");
        assertThat(results.get(2).reason()).startsWith("sku is required");
    }

    @Test
    void an_equal_level_is_unchanged_without_a_request_and_a_second_identical_batch_writes_nothing() {
        JsonNode same = variants.get(0);
        JsonNode other = variants.get(1);
        int current = available(same, location);
        List<WriteRecord> batch = List.of(record("k1", same.path("sku").asText(), location, current + ".0"),
                record("k2", other.path("sku").asText(), location, "23"));
        long before = sandbox.shopify.requests("POST", "inventory_levels/set");

        try (ShopifyConnector connector = sandbox.connector()) {
            List<WriteResult> first = connector.write(sandbox.config, OBJECT, batch);
            long afterFirst = sandbox.shopify.requests("POST", "inventory_levels/set");
            long productReads = sandbox.shopify.requests("GET", "products");
            List<WriteResult> second = connector.write(sandbox.config, OBJECT, batch);

            assertThat(first).extracting(WriteResult::outcome).containsExactly(Outcome.UNCHANGED, Outcome.WRITTEN);
            assertThat(afterFirst).as("only the changed level is sent").isEqualTo(before + 1);
            assertThat(second).extracting(WriteResult::outcome).containsExactly(Outcome.UNCHANGED, Outcome.UNCHANGED);
            assertThat(sandbox.shopify.requests("POST", "inventory_levels/set")).isEqualTo(afterFirst);
            assertThat(sandbox.shopify.requests("GET", "products")).as("the variants are read once per connector")
                    .isEqualTo(productReads);
        }
        assertThat(available(other, location)).isEqualTo(23);
    }

    @Test
    void shadow_mode_reads_the_current_levels_under_the_records_fields_and_writes_nothing() {
        JsonNode variant = variants.get(4);
        int current = available(variant, location);
        long before = sandbox.shopify.requests("POST", "inventory_levels/set");
        WriteRecord equal = record("k1", variant.path("sku").asText(), location, Integer.toString(current));
        WriteRecord unknown = record("k2", "NO-SUCH-SKU", location, "1");

        Map<String, Map<String, Object>> now;
        try (ShopifyConnector connector = sandbox.connector()) {
            now = connector.current(sandbox.config, OBJECT, List.of(equal, unknown));
        }

        assertThat(now).containsOnlyKeys("k1");
        assertThat(now.get("k1")).isEqualTo(equal.data());
        assertThat(sandbox.shopify.requests("POST", "inventory_levels/set")).isEqualTo(before);
    }

    private List<WriteResult> write(WriteRecord... records) {
        try (ShopifyConnector connector = sandbox.connector()) {
            return connector.write(sandbox.config, OBJECT, List.of(records));
        }
    }

    private static WriteRecord record(String key, String sku, String location, String available) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sku", sku);
        data.put("location_id", location);
        data.put("available", new BigDecimal(available));
        return new WriteRecord(key, "", data);
    }

    private int available(JsonNode variant, String location) {
        return sandbox.shopify.shop().inventoryLevels().stream()
                .filter(l -> l.path("inventory_item_id").asText().equals(variant.path("inventory_item_id").asText())
                        && l.path("location_id").asText().equals(location))
                .findFirst().orElseThrow().path("available").asInt();
    }

    /** {@code PUT variants/{id}.json}: the merchant gives the variant this SKU in Shopify's admin. */
    private void putSku(JsonNode variant, String sku) throws Exception {
        String token = sandbox.shopify.issueToken(ShopProfile.US.handle(), Set.of("write_products"));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                sandbox.config.api("variants/" + variant.path("id").asText()).toString()))
                .header("X-Shopify-Access-Token", token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"variant\":{\"sku\":\"" + sku + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
