package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.pos.PosStreams;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pos.inventory} from the sandbox's item stocks: the merchant is the one location. */
class CloverInventoryIT {

    private static final int PAGE = 2;

    private CloverReads sandbox;

    @BeforeEach
    void start() {
        sandbox = new CloverReads(CloverReads.options(31, CloverMerchant.US_NEW_YORK, 150).withOrdersPerHour(0), PAGE);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void every_item_stock_is_one_level_at_the_merchant_with_its_items_sku_and_the_exact_quantity() {
        Map<String, JsonNode> items = new HashMap<>();
        sandbox.clover.data().items(sandbox.merchantId).forEach(i -> items.put(i.path("id").asText(), i));
        List<JsonNode> stocks = sandbox.clover.data().itemStocks(sandbox.merchantId);
        assertThat(stocks).as("more stocks than ten pages").hasSizeGreaterThan(PAGE * 10);
        assertThat(stocks).as("stocks sold by weight").anySatisfy(s ->
                assertThat(s.path("quantity").decimalValue().stripTrailingZeros().scale()).isPositive());

        CollectingSink sink = sandbox.read(PosStreams.INVENTORY, null);

        List<SourceRecord> records = sink.committed();
        assertThat(sink.uncommitted()).isEmpty();
        assertThat(records).hasSize(stocks.size());
        Map<String, SourceRecord> byKey = records.stream().collect(Collectors.toMap(SourceRecord::key, r -> r));
        for (JsonNode stock : stocks) {
            String itemId = stock.path("item").path("id").asText();
            SourceRecord record = byKey.get(sandbox.merchantId + ":" + itemId);
            assertThat(record).as("the level of %s", itemId).isNotNull();
            JsonNode item = items.get(itemId);
            String group = item.path("itemGroup").path("id").asText("");
            assertThat(record.data()).containsEntry("vendor", "clover").containsEntry("state", "in_stock")
                    .containsEntry("location_id", sandbox.merchantId).containsEntry("variation_id", itemId)
                    .containsEntry("item_id", group.isEmpty() ? itemId : group)
                    .containsEntry("sku", item.path("sku").asText("").isEmpty() ? null : item.path("sku").asText())
                    .containsEntry("updated_at", java.time.Instant.ofEpochMilli(stock.path("modifiedTime").asLong())
                            .toString());
            assertThat(((String) record.data().get("name"))).startsWith(item.path("name").asText());
            assertThat((BigDecimal) record.data().get("quantity"))
                    .isEqualByComparingTo(stock.path("quantity").decimalValue());
        }
    }

    @Test
    void a_stock_set_again_to_its_quantity_within_the_look_back_is_not_read_again_and_a_changed_one_is() {
        CollectingSink first = sandbox.read(PosStreams.INVENTORY, null);
        SourceRecord weighed = first.committed().get(2);
        SourceRecord changed = first.committed().get(5);
        sandbox.advance(Duration.ofMinutes(2));
        set(weighed, "17.125");
        CollectingSink second = sandbox.read(PosStreams.INVENTORY, first.lastCheckpoint());
        assertThat(second.committed()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(weighed.key());
            assertThat((BigDecimal) r.data().get("quantity")).isEqualTo(new BigDecimal("17.125"));
        });
        sandbox.advance(Duration.ofMinutes(2));

        set(weighed, "17.125");
        set(changed, "4");
        CollectingSink third = sandbox.read(PosStreams.INVENTORY, second.lastCheckpoint());

        assertThat(third.committed()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(changed.key());
            assertThat((BigDecimal) r.data().get("quantity")).isEqualTo(new BigDecimal("4"));
        });
    }

    /** {@code POST /item_stocks/{itemId}}, as the merchant's counting app does: Clover sets it even when equal. */
    private void set(SourceRecord level, String quantity) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    sandbox.config.baseUrl() + "/v3/merchants/" + sandbox.merchantId + "/item_stocks/"
                            + level.data().get("variation_id"))).header("Authorization", "Bearer "
                            + sandbox.config.accessToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":" + quantity + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
