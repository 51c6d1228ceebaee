package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareInventoryWriteTest {

    private static SandboxReads sandbox;
    private static String location;
    private static List<JsonNode> variations;

    @BeforeAll
    static void start() {
        sandbox = new SandboxReads(SandboxReads.options(9, SquareMerchant.US, 10), 100);
        location = sandbox.square.data().locations().get(0).path("id").asText();
        variations = sandbox.square.data().catalogObjects().stream()
                .filter(o -> "ITEM_VARIATION".equals(o.path("type").asText()) && !o.path("is_deleted").asBoolean()
                        && !o.path("item_variation_data").path("sku").asText("").isEmpty())
                .map(JsonNode.class::cast).toList();
    }

    @AfterAll
    static void stop() {
        sandbox.square.close();
    }

    @Test
    void the_same_record_written_by_two_runs_changes_the_count_once() {
        String variation = variations.get(0).path("id").asText();
        BigDecimal before = inStock(variation);
        WriteRecord record = new WriteRecord("ledger-twice", "", Map.of("catalog_object_id", variation,
                "location_id", location, "quantity", new BigDecimal("3"), "occurred_at", SandboxReads.NOW.toString()));

        List<WriteResult> first = write(List.of(record));
        List<WriteResult> second = write(List.of(record));

        assertThat(first).extracting(WriteResult::outcome).containsExactly(WriteResult.Outcome.WRITTEN);
        assertThat(second).extracting(WriteResult::outcome).doesNotContain(WriteResult.Outcome.REJECTED);
        assertThat(inStock(variation)).isEqualByComparingTo(before.add(new BigDecimal("3")));
    }

    @Test
    void a_count_by_sku_is_set_and_a_record_without_a_location_is_rejected_alone() {
        JsonNode v = variations.get(1);
        List<WriteResult> results = write(List.of(
                new WriteRecord("ledger-count", "", Map.of("sku", v.path("item_variation_data").path("sku").asText(),
                        "location_id", location, "count", new BigDecimal("17.5"), "occurred_at", SandboxReads.NOW.toString())),
                new WriteRecord("ledger-nowhere", "", Map.of("catalog_object_id", v.path("id").asText(),
                        "quantity", BigDecimal.ONE)),
                new WriteRecord("ledger-unknown", "", Map.of("catalog_object_id", "NOSUCHVARIATION",
                        "location_id", location, "quantity", BigDecimal.ONE, "occurred_at", SandboxReads.NOW.toString()))));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(WriteResult.Outcome.WRITTEN,
                WriteResult.Outcome.REJECTED, WriteResult.Outcome.REJECTED);
        assertThat(results.get(1).reason()).contains("location_id");
        assertThat(results.get(2).reason()).contains("INVALID_VALUE");
        assertThat(inStock(v.path("id").asText())).isEqualByComparingTo("17.5");
    }

    @Test
    void more_than_a_hundred_changes_go_in_requests_of_at_most_a_hundred() {
        String variation = variations.get(2).path("id").asText();
        BigDecimal before = inStock(variation);
        List<WriteRecord> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            batch.add(new WriteRecord("ledger-many-" + i, "", Map.of("catalog_object_id", variation, "location_id",
                    location, "quantity", BigDecimal.ONE, "occurred_at", SandboxReads.NOW.toString())));
        }
        assertThat(write(batch)).extracting(WriteResult::outcome).containsOnly(WriteResult.Outcome.WRITTEN);
        assertThat(inStock(variation)).isEqualByComparingTo(before.add(BigDecimal.valueOf(150)));
    }

    private static List<WriteResult> write(List<WriteRecord> batch) {
        try (SquareConnector connector = sandbox.connector()) {
            return connector.write(sandbox.config, SquareStreamDescriptors.INVENTORY_ADJUSTMENTS, batch);
        }
    }

    private static BigDecimal inStock(String variation) {
        return sandbox.square.data().inventoryCounts().stream()
                .filter(c -> variation.equals(c.path("catalog_object_id").asText())
                        && location.equals(c.path("location_id").asText()) && "IN_STOCK".equals(c.path("state").asText()))
                .map(c -> new BigDecimal(c.path("quantity").asText())).findFirst().orElse(BigDecimal.ZERO);
    }
}
