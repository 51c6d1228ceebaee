package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxCatalogIT {

    private static SquareSandbox square;
    private static SquareClient client;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(10).withPageLimits(1000, 500, 10, 100));
        client = new SquareClient(square, square.issueToken());
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void list_pages_at_the_fixed_page_size_and_leaves_deleted_objects_out() {
        List<JsonNode> objects = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body = client.get("/v2/catalog/list" + (cursor == null ? "" : "?cursor=" + cursor)).body();
            if (body.has("cursor")) {
                assertThat(body.path("objects")).hasSize(10);
            }
            body.path("objects").forEach(objects::add);
            cursor = body.path("cursor").asText(null);
        } while (cursor != null);

        assertThat(objects).isNotEmpty().noneMatch(o -> o.path("is_deleted").asBoolean());
        assertThat(objects).extracting(o -> o.path("type").asText())
                .contains("ITEM", "CATEGORY", "TAX", "DISCOUNT", "MODIFIER_LIST")
                .doesNotContain("ITEM_VARIATION", "MODIFIER");
    }

    @Test
    void batch_retrieve_answers_the_named_variations_and_leaves_unknown_ids_out() {
        JsonNode variation = client.get("/v2/catalog/list?types=ITEM").body().path("objects").get(0)
                .path("item_data").path("variations").get(0);
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        body.putArray("object_ids").add(variation.path("id").asText()).add("NO_SUCH_OBJECT");

        JsonNode objects = client.post("/v2/catalog/batch-retrieve", body).body().path("objects");

        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).path("type").asText()).isEqualTo("ITEM_VARIATION");
        assertThat(objects.get(0).path("item_variation_data").path("sku").asText())
                .isEqualTo(variation.path("item_variation_data").path("sku").asText());
    }

    @Test
    void a_variation_upserted_on_its_own_moves_on_alone_and_is_searched_with_its_parent_item() {
        JsonNode item = client.get("/v2/catalog/list?types=ITEM").body().path("objects").get(1);
        JsonNode variation = item.path("item_data").path("variations").get(0);
        String since = square.data().now().toString();
        square.advance(java.time.Duration.ofMinutes(5));
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("idempotency_key", "upsert-variation-1");
        ObjectNode object = body.putObject("object").put("type", "ITEM_VARIATION")
                .put("id", variation.path("id").asText()).put("version", variation.path("version").asLong());
        object.putObject("item_variation_data").put("sku", "NEW-SKU-1");

        SquareClient.Reply first = client.post("/v2/catalog/object", body);
        SquareClient.Reply repeated = client.post("/v2/catalog/object", body);
        SquareClient.Reply stale = client.post("/v2/catalog/object", body.put("idempotency_key", "upsert-variation-2"));

        assertThat(first.status()).isEqualTo(200);
        JsonNode updated = first.body().path("catalog_object");
        assertThat(updated.path("item_variation_data").path("sku").asText()).isEqualTo("NEW-SKU-1");
        assertThat(updated.path("version").asLong()).isGreaterThan(variation.path("version").asLong());
        assertThat(repeated.body()).isEqualTo(first.body());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("errors").get(0).path("code").asText()).isEqualTo("CONFLICT");

        ObjectNode search = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        search.putArray("object_types").add("ITEM").add("ITEM_VARIATION");
        search.put("begin_time", since).put("include_related_objects", true);
        JsonNode found = client.post("/v2/catalog/search", search).body();
        assertThat(found.path("objects")).extracting(o -> o.path("id").asText())
                .containsExactly(variation.path("id").asText());
        assertThat(found.path("related_objects")).extracting(o -> o.path("id").asText())
                .contains(item.path("id").asText());
    }

    @Test
    void list_takes_types_case_insensitively() {
        JsonNode objects = client.get("/v2/catalog/list?types=tax,Discount").body().path("objects");

        assertThat(objects).isNotEmpty()
                .allSatisfy(o -> assertThat(o.path("type").asText()).isIn("TAX", "DISCOUNT"));
    }

    @Test
    void an_item_has_variations_with_skus_and_prices() {
        JsonNode item = client.get("/v2/catalog/list?types=ITEM").body().path("objects").get(0);

        JsonNode variation = item.path("item_data").path("variations").get(0);
        assertThat(variation.path("type").asText()).isEqualTo("ITEM_VARIATION");
        assertThat(variation.path("item_variation_data").path("sku").asText()).isNotEmpty();
        assertThat(variation.path("item_variation_data").path("price_money").path("currency").asText())
                .isEqualTo("USD");
    }

    @Test
    void search_leaves_out_objects_updated_exactly_at_begin_time() {
        ObjectNode deleted = square.data().catalogObjects().stream()
                .filter(o -> o.path("is_deleted").asBoolean() && "ITEM".equals(o.path("type").asText()))
                .findFirst().orElseThrow();
        String at = deleted.path("updated_at").asText();
        ObjectNode body = SquareClient.json("{\"include_deleted_objects\":true,\"object_types\":[\"ITEM\"]}");
        body.put("begin_time", Instant.parse(at).minusMillis(1).toString());
        assertThat(ids(client.post("/v2/catalog/search", body).body())).contains(deleted.path("id").asText());

        body.put("begin_time", at);

        assertThat(ids(client.post("/v2/catalog/search", body).body())).doesNotContain(deleted.path("id").asText());
    }

    @Test
    void search_returns_deleted_objects_only_when_asked() {
        ObjectNode body = SquareClient.json("{\"object_types\":[\"ITEM\"],\"limit\":1000}");
        JsonNode without = client.post("/v2/catalog/search", body).body();
        body.put("include_deleted_objects", true);

        JsonNode with = client.post("/v2/catalog/search", body).body();

        assertThat(without.path("objects")).noneMatch(o -> o.path("is_deleted").asBoolean());
        assertThat(with.path("objects")).anyMatch(o -> o.path("is_deleted").asBoolean());
        assertThat(with.path("latest_time").asText()).isNotEmpty();
    }

    @Test
    void search_adds_related_objects_when_asked() {
        ObjectNode body = SquareClient.json("{\"object_types\":[\"ITEM\"],\"include_related_objects\":true}");

        JsonNode related = client.post("/v2/catalog/search", body).body().path("related_objects");

        assertThat(related).extracting(o -> o.path("type").asText()).contains("CATEGORY", "TAX", "MODIFIER_LIST");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("objects").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }
}
