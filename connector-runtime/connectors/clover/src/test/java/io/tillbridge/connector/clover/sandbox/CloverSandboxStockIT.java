package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloverSandboxStockIT {

    private final CloverSandbox sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(30));
    private final String mId = sandbox.merchantIds().get(0);
    private final CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void posting_a_quantity_sets_the_item_stock() {
        String itemId = sandbox.data().items(mId).get(0).path("id").asText();

        CloverClient.Response response = client.post("/v3/merchants/" + mId + "/item_stocks/" + itemId,
                "{\"quantity\": 42.5}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("quantity").asDouble()).isEqualTo(42.5);
        assertThat(sandbox.data().stock(mId, itemId)).contains(42.5);
        JsonNode read = client.get(mId, "/item_stocks/" + itemId).body();
        assertThat(read.path("quantity").asDouble()).isEqualTo(42.5);
        assertThat(read.path("item").path("id").asText()).isEqualTo(itemId);
        JsonNode item = client.get(mId, "/items/" + itemId, "expand", "itemStock").body();
        assertThat(item.path("itemStock").path("quantity").asDouble()).isEqualTo(42.5);
    }

    @Test
    void a_stock_without_a_numeric_quantity_answers_400_and_an_unknown_item_404() {
        String itemId = sandbox.data().items(mId).get(0).path("id").asText();

        assertThat(client.post("/v3/merchants/" + mId + "/item_stocks/" + itemId, "{\"quantity\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(client.post("/v3/merchants/" + mId + "/item_stocks/NOSUCHITEM", "{\"quantity\":1}").status())
                .isEqualTo(404);
    }

    @Test
    void item_stocks_list_every_stocked_item() {
        JsonNode stocks = client.get(mId, "/item_stocks").body().path("elements");

        assertThat(stocks).isNotEmpty()
                .allSatisfy(s -> assertThat(sandbox.data().stock(mId, s.path("item").path("id").asText())).isPresent());
    }

    @Test
    void items_carry_variants_through_item_groups_and_options() {
        JsonNode groups = client.get(mId, "/item_groups", "expand", "items,attributes.options").body().path("elements");

        assertThat(groups).isNotEmpty();
        JsonNode group = groups.get(0);
        JsonNode options = group.path("attributes").path("elements").get(0).path("options").path("elements");
        assertThat(group.path("items").path("elements").size()).isEqualTo(options.size()).isGreaterThan(1);
        String variantId = group.path("items").path("elements").get(0).path("id").asText();
        JsonNode variant = client.get(mId, "/items/" + variantId, "expand", "options,categories,taxRates").body();
        assertThat(variant.path("itemGroup").path("id").asText()).isEqualTo(group.path("id").asText());
        assertThat(variant.path("options").path("elements")).hasSize(1);
        assertThat(variant.path("sku").asText()).startsWith("SKU-");
        assertThat(variant.path("price").isIntegralNumber()).isTrue();
        assertThat(variant.path("taxRates").path("elements").get(0).path("rate").asLong()).isEqualTo(887_500);
    }
}
