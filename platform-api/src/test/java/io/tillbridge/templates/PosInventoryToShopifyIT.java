package io.tillbridge.templates;

import static io.tillbridge.integrations.RunDriver.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.shopify.sandbox.ShopifySandbox;
import io.tillbridge.connector.shopify.sandbox.ShopifySandboxOptions;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.HeldValue;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The template "POS inventory -> Shopify inventory levels" run end to end without its installer: a
 * Square connection and a Shopify connection (each to its sandbox on loopback), an integration of
 * {@code pos.inventory} into {@code inventory_levels.set_by_sku} with the template's mapping saved and
 * pinned through the mappings API, one location pair mapped. A shadow run (the template's mode)
 * compares and sends nothing; after the cutover a live run makes Shopify's levels at the
 * paired location what Square counts; the other locations' levels wait in the error inbox naming their
 * location; a second run writes nothing, and a changed count is the only level written by the next.
 */
@MicronautTest(transactional = false)
class PosInventoryToShopifyIT extends TestDatabaseProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiClient api;

    @Inject
    RunWorker worker;

    @Inject
    ErrorInbox inbox;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Stock Room", TenantRole.OWNER);

    private SquareSandbox square;
    private ShopifySandbox shopify;

    @BeforeEach
    void the_sandboxes() {
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(41).withOrders(0));
        // A bucket that never fills: the platform's own quota for Shopify paces the run.
        shopify = ShopifySandbox.start(ShopifySandboxOptions.defaults().withSeed(42).withOrders(0)
                .withRestBucket(1_000_000, 1_000));
    }

    @AfterEach
    void stop() {
        String runs = base() + "/runs";
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queued = (List<Map<String, Object>>) api.get(tenants.owner(), runs + "?status=queued")
                .json().get("items");
        queued.forEach(run -> api.post(tenants.owner(), runs + "/" + run.get("id") + "/cancel", null));
        square.close();
        shopify.close();
    }

    @Test
    void square_stock_reaches_shopify_at_the_paired_location_and_the_other_locations_wait_for_a_pair()
            throws Exception {
        List<String> squareLocations = square.data().locations().stream().map(l -> l.path("id").asText()).toList();
        String paired = squareLocations.get(0);
        String shopifyLocation = shopify.shop().locations().get(1).path("id").asText();
        Map<String, String> skus = squareSkus();
        Map<String, JsonNode> variantBySku = giveShopifyTheSkus(skus.values());
        // Square's levels: location -> variation -> quantity, of the variations with a SKU.
        Map<String, Map<String, BigDecimal>> levels = squareLevels(skus.keySet());
        int pairedLevels = levels.get(paired).size();
        int waiting = levels.entrySet().stream().filter(e -> !e.getKey().equals(paired))
                .mapToInt(e -> e.getValue().size()).sum();
        assertThat(pairedLevels).as("levels at the paired location").isGreaterThan(10);
        assertThat(waiting).as("levels at the other locations").isPositive();

        String integration = integration(paired, shopifyLocation);
        long sets = shopify.requests("POST", "inventory_levels/set");
        // As installed: shadow. It compares with Shopify's levels and sends nothing.
        Map<String, Object> shadow = runs().toTheEnd(runs().start(integration));
        assertThat(shadow).as(shadow.toString()).containsEntry("status", "succeeded").containsEntry("shadow", true);
        Map<String, Object> summary = api.get(tenants.owner(), base() + "/runs/" + shadow.get("id")
                + "/shadow-summary").json();
        assertThat(number(summary, "update") + number(summary, "unchanged")).as(summary.toString())
                .isEqualTo(pairedLevels);
        assertThat(number(summary, "create")).as("every SKU is stocked at the Shopify location").isZero();
        assertThat(shopify.requests("POST", "inventory_levels/set")).isEqualTo(sets);
        goLive(integration);

        Map<String, Object> first = runs().toTheEnd(runs().start(integration));

        assertThat(first).as(first.toString()).containsEntry("status", "succeeded");
        Map<?, ?> counts = (Map<?, ?>) first.get("counts");
        assertThat(number(counts, "written") + number(counts, "unchanged")).isEqualTo(pairedLevels);
        assertThat(number(counts, "written")).as("the levels the shadow run would have updated")
                .isEqualTo(number(summary, "update")).isPositive();
        assertThat(shopify.requests("POST", "inventory_levels/set") - sets).isEqualTo(number(counts, "written"));
        assertThat(number(counts, "failed")).isEqualTo(waiting);
        for (Map.Entry<String, BigDecimal> level : levels.get(paired).entrySet()) {
            JsonNode variant = variantBySku.get(skus.get(level.getKey()));
            assertThat(BigDecimal.valueOf(shopifyAvailable(variant, shopifyLocation)))
                    .as("Shopify's level of %s", skus.get(level.getKey())).isEqualByComparingTo(level.getValue());
        }
        Map<String, Long> held = inbox.heldValues(reader(), UUID.fromString(integration), "location_id", 10).stream()
                .collect(Collectors.toMap(HeldValue::value, HeldValue::errors));
        Map<String, Long> expectedHeld = new HashMap<>();
        levels.forEach((location, byVariation) -> {
            if (!location.equals(paired)) {
                expectedHeld.put(location, (long) byVariation.size());
            }
        });
        assertThat(held).as("the levels of unpaired locations wait, named by location").isEqualTo(expectedHeld);

        long afterFirst = shopify.requests("POST", "inventory_levels/set");
        Map<String, Object> second = runs().toTheEnd(runs().start(integration));
        assertThat(second).as(second.toString()).containsEntry("status", "succeeded");
        assertThat(number((Map<?, ?>) second.get("counts"), "written")).isZero();
        assertThat(shopify.requests("POST", "inventory_levels/set")).as("nothing sent").isEqualTo(afterFirst);

        String recounted = levels.get(paired).keySet().iterator().next();
        BigDecimal newCount = levels.get(paired).get(recounted).add(BigDecimal.valueOf(7));
        physicalCount(recounted, paired, newCount);
        Map<String, Object> third = runs().toTheEnd(runs().start(integration));
        assertThat(third).as(third.toString()).containsEntry("status", "succeeded");
        assertThat(number((Map<?, ?>) third.get("counts"), "written")).isEqualTo(1);
        assertThat(shopify.requests("POST", "inventory_levels/set")).isEqualTo(afterFirst + 1);
        assertThat(BigDecimal.valueOf(shopifyAvailable(variantBySku.get(skus.get(recounted)), shopifyLocation)))
                .isEqualByComparingTo(newCount);
    }

    /** The cutover: the integration goes live. */
    private void goLive(String integration) {
        Response current = api.get(tenants.owner(), base() + "/integrations/" + integration);
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("name", "sourceConnectionId", "sourceStream", "targetConnectionId", "targetObject")) {
            body.put(field, current.json().get(field));
        }
        body.put("mode", "live");
        Response changed = api.put(tenants.owner(), base() + "/integrations/" + integration, body,
                "If-Match", current.header("ETag").orElseThrow());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    /** The connections, the integration (in the template's mode), its mapping with one pair, saved and pinned. */
    private String integration(String squareLocation, String shopifyLocation) throws Exception {
        String source = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId", "square",
                "name", "Square", "config", Map.of("baseUrl", square.baseUri().toString(),
                        "accessToken", square.issueToken()))));
        String handle = ShopProfile.US.handle();
        Map<String, Object> shopifyConfig = new LinkedHashMap<>();
        shopifyConfig.put("baseUrl", shopify.shopUri(handle).toString());
        shopifyConfig.put("shop", ShopProfile.US.domain());
        shopifyConfig.put("accessToken", shopify.issueToken(handle, Set.of("read_products", "read_inventory",
                "write_inventory", "read_locations", "read_orders", "read_customers")));
        String target = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId", "shopify",
                "name", "Shopify", "config", shopifyConfig)));
        JsonNode template = PosInventoryTemplateTest.template().path("integrations").get(0);
        String integration = created(api.post(tenants.owner(), base() + "/integrations", Map.of(
                "name", template.path("name").asText(), "sourceConnectionId", source,
                "sourceStream", template.path("sourceStream").asText(), "targetConnectionId", target,
                "targetObject", template.path("targetObject").asText(), "mode", template.path("mode").asText())));
        ObjectNode mapping = template.path("mapping").deepCopy();
        ((ObjectNode) mapping.path("valueMaps").path("locations").path("entries")).put(squareLocation, shopifyLocation);
        Response saved = api.post(tenants.owner(), base() + "/integrations/" + integration + "/mappings",
                JSON.convertValue(mapping, Map.class));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        Response pinned = api.post(tenants.owner(), base() + "/integrations/" + integration + "/mappings/"
                + saved.json().get("version") + "/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        return integration;
    }

    /** Square's counted variations with a SKU: variation id -> SKU. */
    private Map<String, String> squareSkus() {
        Set<String> counted = square.data().inventoryCounts().stream()
                .map(c -> c.path("catalog_object_id").asText()).collect(Collectors.toSet());
        Map<String, String> out = new LinkedHashMap<>();
        square.data().catalogObjects().stream().filter(o -> "ITEM_VARIATION".equals(o.path("type").asText())
                && counted.contains(o.path("id").asText())
                && !o.path("item_variation_data").path("sku").asText("").isEmpty())
                .forEach(o -> out.put(o.path("id").asText(), o.path("item_variation_data").path("sku").asText()));
        return out;
    }

    private Map<String, Map<String, BigDecimal>> squareLevels(Set<String> variations) {
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        square.data().inventoryCounts().stream().filter(c -> "IN_STOCK".equals(c.path("state").asText())
                && variations.contains(c.path("catalog_object_id").asText())).forEach(c -> out
                .computeIfAbsent(c.path("location_id").asText(), l -> new LinkedHashMap<>())
                .put(c.path("catalog_object_id").asText(), new BigDecimal(c.path("quantity").asText())));
        return out;
    }

    /**
     * The merchant's Shopify store sells the same things under the same SKUs: one stocked variant each
     * takes one of Square's SKUs ({@code PUT variants/{id}.json}). Answers the variants by SKU.
     */
    private Map<String, JsonNode> giveShopifyTheSkus(java.util.Collection<String> skus) throws Exception {
        List<JsonNode> variants = new ArrayList<>();
        shopify.shop().products().stream().filter(p -> !p.path("gift_card").asBoolean())
                .forEach(p -> p.path("variants").forEach(variants::add));
        assertThat(variants.size()).as("Shopify variants to take Square's SKUs").isGreaterThanOrEqualTo(skus.size());
        String token = shopify.issueToken(ShopProfile.US.handle(), Set.of("write_products"));
        Map<String, JsonNode> out = new HashMap<>();
        int i = 0;
        for (String sku : skus) {
            JsonNode variant = variants.get(i++);
            HttpResponse<String> answer = api.send(HttpRequest.newBuilder(URI.create(shopify.shopUri(
                    ShopProfile.US.handle()) + "/admin/api/2025-07/variants/" + variant.path("id").asText() + ".json"))
                    .header("X-Shopify-Access-Token", token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variant",
                            Map.of("sku", sku))))).build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            out.put(sku, variant);
        }
        return out;
    }

    private long shopifyAvailable(JsonNode variant, String location) {
        return shopify.shop().inventoryLevels().stream()
                .filter(l -> l.path("inventory_item_id").asText().equals(variant.path("inventory_item_id").asText())
                        && l.path("location_id").asText().equals(location))
                .findFirst().orElseThrow().path("available").asLong();
    }

    /** A stock count at Square ({@code BatchChangeInventory}, a {@code PHYSICAL_COUNT}), as the store takes one. */
    private void physicalCount(String variation, String location, BigDecimal quantity) throws Exception {
        Map<String, Object> count = Map.of("catalog_object_id", variation, "location_id", location, "state", "IN_STOCK",
                "quantity", quantity.toPlainString(), "occurred_at", Instant.now().minusSeconds(5).toString());
        String body = JSON.writeValueAsString(Map.of("idempotency_key", UUID.randomUUID().toString(), "changes",
                List.of(Map.of("type", "PHYSICAL_COUNT", "physical_count", count))));
        HttpResponse<String> answer = api.send(HttpRequest.newBuilder(square.baseUri().resolve(
                "/v2/inventory/changes/batch-create")).header("Authorization", "Bearer " + square.issueToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static long number(Map<?, ?> counts, String name) {
        return ((Number) counts.get(name)).longValue();
    }

    private TenantScope reader() {
        return new TenantScope(new TenantId(tenants.id()), new Actor(Actor.Kind.USER, UUID.randomUUID().toString(),
                "viewer", null), Set.of(Permission.READ), Optional.empty());
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, tenants.owner(), tenants.owner(), base());
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }
}
