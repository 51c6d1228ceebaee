package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySandboxGraphqlIT {

    private static final String ORDERS = """
            query Orders($first: Int!, $after: String, $query: String) {
              orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
                edges { cursor node { id legacyResourceId name updatedAt
                  totalPriceSet { shopMoney { amount currencyCode } }
                  lineItems(first: 10) { nodes { sku quantity } } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private static ShopifySandbox shopify;
    private static ShopifyClient client;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(600)
                .withGraphqlBucket(1_000_000, 100, 200));
        client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    private static List<JsonNode> allOrders(String query) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 100);
            variables.put("after", after);
            variables.put("query", query);
            ShopifyClient.Answer answer = client.graphql(ORDERS, variables);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().has("errors")).as(answer.body().toString()).isFalse();
            JsonNode orders = answer.body().path("data").path("orders");
            orders.path("edges").forEach(edge -> nodes.add(edge.path("node")));
            if (!orders.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = orders.path("pageInfo").path("endCursor").asText();
        }
    }

    @Test
    void paging_orders_by_cursor_reads_each_order_once_in_updated_order() {
        List<JsonNode> orders = allOrders(null);

        assertThat(orders).hasSize(shopify.shop().orders().size());
        assertThat(orders.stream().map(o -> o.path("id").asText())).doesNotHaveDuplicates();
        assertThat(orders.stream().map(o -> Instant.parse(o.path("updatedAt").asText()))).isSorted();
        assertThat(orders.get(0).path("id").asText()).startsWith("gid://shopify/Order/");
        assertThat(orders.get(0).path("totalPriceSet").path("shopMoney").path("currencyCode").asText())
                .isEqualTo("USD");
    }

    @Test
    void last_before_pages_backwards_to_the_same_nodes() {
        JsonNode first = client.graphql("{ orders(first: 10) { nodes { id } pageInfo { endCursor } } }").body()
                .path("data").path("orders");

        JsonNode back = client.graphql("{ orders(last: 5, before: \"" + first.path("pageInfo").path("endCursor")
                .asText() + "\") { nodes { id } pageInfo { hasPreviousPage hasNextPage } } }").body()
                .path("data").path("orders");

        List<String> expected = new ArrayList<>();
        for (int i = 4; i < 9; i++) {
            expected.add(first.path("nodes").get(i).path("id").asText());
        }
        List<String> ids = new ArrayList<>();
        back.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).isEqualTo(expected);
        assertThat(back.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
        assertThat(back.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
    }

    @Test
    void a_root_field_outside_the_tokens_scopes_is_access_denied() {
        ShopifyClient productsOnly = new ShopifyClient(shopify.baseUri(),
                shopify.issueToken("tillbridge-demo", Set.of("read_products")));

        JsonNode denied = productsOnly.graphql("{ orders(first: 1) { nodes { id } } }").body();

        assertThat(denied.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(productsOnly.graphql("{ products(first: 1) { nodes { id } } }").body().has("errors")).isFalse();
    }

    @Test
    void the_answer_has_only_the_selected_fields() {
        JsonNode node = client.graphql("{ orders(first: 1) { nodes { name } } }").body()
                .path("data").path("orders").path("nodes").get(0);

        assertThat(node.size()).isEqualTo(1);
        assertThat(node.path("name").asText()).startsWith("#");
    }

    @Test
    void the_updated_at_search_keeps_only_later_orders() {
        Instant since = SandboxFixture.START.minus(Duration.ofDays(5));

        List<JsonNode> orders = allOrders("updated_at:>'" + since + "'");

        long expected = shopify.shop().orders().stream().filter(o -> OffsetDateTime.parse(
                o.path("updated_at").asText()).toInstant().isAfter(since)).count();
        assertThat(orders).hasSize((int) expected).isNotEmpty();
    }

    @Test
    void every_answer_reports_its_cost_and_the_bucket() {
        JsonNode cost = client.graphql("{ products(first: 5) { nodes { id } } }").body()
                .path("extensions").path("cost");

        assertThat(cost.path("requestedQueryCost").asInt()).isEqualTo(7);
        assertThat(cost.path("actualQueryCost").asInt()).isEqualTo(7);
        assertThat(cost.path("throttleStatus").path("maximumAvailable").asDouble()).isEqualTo(1_000_000);
        assertThat(cost.path("throttleStatus").path("restoreRate").asDouble()).isEqualTo(100);
        assertThat(cost.path("throttleStatus").path("currentlyAvailable").asInt()).isLessThan(1_000_000);
    }

    @Test
    void products_and_inventory_items_page_with_their_variants_and_levels() {
        JsonNode products = client.graphql("{ products(first: 250) { nodes { id variants(first: 10) { nodes {"
                + " sku price inventoryItem { id } } } } pageInfo { hasNextPage } } }").body().path("data");
        JsonNode items = client.graphql("{ inventoryItems(first: 3) { edges { cursor node { id sku"
                + " inventoryLevels(first: 5) { nodes { location { id } quantities(names: [\"available\"]) {"
                + " name quantity } } } } } pageInfo { hasNextPage endCursor } } }").body().path("data");

        assertThat(products.path("products").path("nodes")).hasSize(shopify.shop().products().size());
        assertThat(products.path("products").path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
        assertThat(items.path("inventoryItems").path("edges")).hasSize(3);
        assertThat(items.path("inventoryItems").path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        assertThat(items.path("inventoryItems").path("edges").get(0).path("node").path("inventoryLevels")
                .path("nodes")).hasSize(shopify.shop().locations().size());
    }

    @Test
    void an_unknown_field_a_fragment_garbage_or_a_page_over_250_answer_errors() {
        String[] bad = {
            "{ orders(first: 5) { nodes { id colour } } }",
            "{ widgets(first: 5) { nodes { id } } }",
            "{ orders(first: 5) { nodes { ...OrderFields } } }",
            "this is not graphql",
            "{ orders(first: 251) { nodes { id } } }",
            "{ orders(first: 5, query: \"colour:red\") { nodes { id } } }",
            "{ orders { nodes { id } } }",
        };
        for (String query : bad) {
            ShopifyClient.Answer answer = client.graphql(query);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("errors").isArray()).as(query).isTrue();
            assertThat(answer.body().path("errors").get(0).path("message").asText()).as(query).isNotBlank();
            assertThat(answer.body().has("data")).as(query).isFalse();
        }
    }

    @Test
    void inventory_set_quantities_changes_the_level_and_reports_stale_compare_quantities() {
        JsonNode level = shopify.shop().inventoryLevels().get(0);
        Map<String, Object> quantity = new HashMap<>();
        quantity.put("inventoryItemId", "gid://shopify/InventoryItem/" + level.path("inventory_item_id").asLong());
        quantity.put("locationId", "gid://shopify/Location/" + level.path("location_id").asLong());
        quantity.put("quantity", 77);
        quantity.put("compareQuantity", level.path("available").asInt() + 1);
        String mutation = """
                mutation Set($input: InventorySetQuantitiesInput!) {
                  inventorySetQuantities(input: $input) {
                    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
                    userErrors { field message code }
                  }
                }""";
        Map<String, Object> input = new HashMap<>(Map.of("name", "available", "reason", "correction",
                "quantities", List.of(quantity)));

        JsonNode stale = client.graphql(mutation, Map.of("input", input)).body().path("data")
                .path("inventorySetQuantities");
        assertThat(stale.path("userErrors").get(0).path("code").asText()).isEqualTo("COMPARE_QUANTITY_STALE");
        assertThat(stale.path("inventoryAdjustmentGroup").isNull()).isTrue();

        quantity.put("compareQuantity", level.path("available").asInt());
        JsonNode set = client.graphql(mutation, Map.of("input", input)).body().path("data")
                .path("inventorySetQuantities");
        assertThat(set.path("userErrors")).isEmpty();
        assertThat(set.path("inventoryAdjustmentGroup").path("changes").get(0).path("quantityAfterChange").asInt())
                .isEqualTo(77);
        assertThat(shopify.shop().inventoryLevels().get(0).path("available").asInt()).isEqualTo(77);
    }
}
