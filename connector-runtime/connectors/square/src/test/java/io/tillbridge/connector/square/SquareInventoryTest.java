package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pos.inventory} from the sandbox's inventory counts, named by their variations' SKUs. */
class SquareInventoryTest {

    private static final int PAGE = 3;

    private SandboxReads sandbox;
    private int counts;

    @BeforeEach
    void start() {
        sandbox = new SandboxReads(SandboxReads.options(17, SquareMerchant.US, 0), PAGE);
    }

    @AfterEach
    void stop() {
        sandbox.square.close();
    }

    @Test
    void every_in_stock_count_is_one_level_with_its_variations_sku_name_and_exact_quantity() {
        Map<String, JsonNode> catalog = new HashMap<>();
        sandbox.square.data().catalogObjects().forEach(o -> catalog.put(o.path("id").asText(), o));
        List<JsonNode> counts = sandbox.square.data().inventoryCounts().stream()
                .filter(c -> "IN_STOCK".equals(c.path("state").asText())).map(JsonNode.class::cast).toList();
        assertThat(counts).as("more counts than ten pages").hasSizeGreaterThan(PAGE * 10);

        CollectingSink sink = sandbox.read(PosStreams.INVENTORY, null);

        List<SourceRecord> records = sink.committed();
        assertThat(sink.uncommitted()).isEmpty();
        assertThat(records).hasSize(counts.size());
        assertThat(SandboxReads.keys(records)).doesNotHaveDuplicates();
        Map<String, SourceRecord> byKey = new HashMap<>();
        records.forEach(r -> byKey.put(r.key(), r));
        for (JsonNode count : counts) {
            String variationId = count.path("catalog_object_id").asText();
            SourceRecord record = byKey.get(count.path("location_id").asText() + ":" + variationId);
            assertThat(record).as("the level of %s", variationId).isNotNull();
            JsonNode variation = catalog.get(variationId).path("item_variation_data");
            JsonNode item = catalog.get(variation.path("item_id").asText()).path("item_data");
            assertThat(record.data()).containsEntry("vendor", "square").containsEntry("state", "in_stock")
                    .containsEntry("variation_id", variationId)
                    .containsEntry("item_id", variation.path("item_id").asText())
                    .containsEntry("sku", variation.path("sku").asText(null))
                    .containsEntry("name", item.path("name").asText() + ", " + variation.path("name").asText())
                    .containsEntry("updated_at", count.path("calculated_at").asText());
            assertThat((BigDecimal) record.data().get("quantity")).isEqualTo(new BigDecimal(count.path("quantity").asText()));
        }
    }

    @Test
    void a_fractional_count_is_read_exactly_and_a_count_taken_again_at_its_quantity_is_not_read_again() {
        CollectingSink first = sandbox.read(PosStreams.INVENTORY, null);
        SourceRecord weighed = first.committed().get(3);
        SourceRecord recounted = first.committed().get(8);
        sandbox.square.advance(Duration.ofMinutes(2));
        count(weighed, "12.34567");
        CollectingSink second = sandbox.read(PosStreams.INVENTORY, first.lastCheckpoint());
        assertThat(second.committed()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(weighed.key());
            assertThat((BigDecimal) r.data().get("quantity")).isEqualTo(new BigDecimal("12.34567"));
        });
        sandbox.square.advance(Duration.ofMinutes(2));

        // The same level counted again (Square calculates it anew), and another one changed.
        count(weighed, "12.34567");
        count(recounted, ((BigDecimal) recounted.data().get("quantity")).add(BigDecimal.TEN).toPlainString());
        CollectingSink third = sandbox.read(PosStreams.INVENTORY, second.lastCheckpoint());

        assertThat(third.committed()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(recounted.key());
            assertThat((BigDecimal) r.data().get("quantity"))
                    .isEqualByComparingTo(((BigDecimal) recounted.data().get("quantity")).add(BigDecimal.TEN));
        });
    }

    @Test
    void a_read_stopped_between_pages_resumes_without_loss_or_duplicates() {
        CollectingSink whole = sandbox.read(PosStreams.INVENTORY, null);
        CollectingSink part = sandbox.read(sandbox.config, PosStreams.INVENTORY, null, new CollectingSink(12));
        CollectingSink rest = sandbox.read(PosStreams.INVENTORY, part.lastCheckpoint());

        List<String> keys = new java.util.ArrayList<>(SandboxReads.keys(part.committed()));
        keys.addAll(SandboxReads.keys(rest.committed()));
        assertThat(part.committed()).isNotEmpty().hasSizeLessThan(whole.committed().size());
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(SandboxReads.keys(whole.committed()));
    }

    /** A physical count of the level, taken now, through the connector's own inventory write. */
    private void count(SourceRecord level, String quantity) {
        Map<String, Object> data = Map.of("catalog_object_id", level.data().get("variation_id"), "location_id",
                level.data().get("location_id"), "count", new BigDecimal(quantity), "occurred_at",
                SandboxReads.NOW.toString());
        try (SquareConnector connector = sandbox.connector()) {
            List<WriteResult> results = connector.write(sandbox.config, SquareStreamDescriptors.INVENTORY_ADJUSTMENTS,
                    List.of(new WriteRecord("count-" + ++counts, "", data)));
            assertThat(results).extracting(WriteResult::outcome).containsExactly(WriteResult.Outcome.WRITTEN);
        }
    }
}
