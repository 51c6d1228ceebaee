package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Item stock written to the sandbox: set by id or SKU, unchanged when already so, refused records rejected. */
class CloverItemStocksIT {

    @Test
    void stock_is_set_by_item_id_or_sku_and_refused_records_do_not_fail_the_batch() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(71, CloverMerchant.GB_LONDON, 20), 50)) {
            List<JsonNode> items = sandbox.clover.data().items(sandbox.merchantId).stream()
                    .filter(i -> sandbox.clover.data().stock(sandbox.merchantId, i.path("id").asText()).isPresent())
                    .limit(2).toList();
            String first = items.get(0).path("id").asText();
            String second = items.get(1).path("id").asText();
            List<WriteRecord> batch = List.of(
                    new WriteRecord("k1", "", Map.of("item_id", first, "quantity", new BigDecimal("17.250"))),
                    new WriteRecord("k2", "", Map.of("sku", items.get(1).path("sku").asText(), "quantity",
                            new BigDecimal("3"))),
                    new WriteRecord("k3", "", Map.of("sku", "NO-SUCH-SKU", "quantity", BigDecimal.ONE)),
                    new WriteRecord("k4", "", Map.of("item_id", first, "quantity", "many")));
            try (CloverConnector connector = sandbox.connector()) {
                List<WriteResult> results = connector.write(sandbox.config, ItemStocks.OBJECT, batch);
                assertThat(results).extracting(WriteResult::outcome)
                        .containsExactly(Outcome.WRITTEN, Outcome.WRITTEN, Outcome.REJECTED, Outcome.REJECTED);
                assertThat(results.get(1).targetRef()).isEqualTo(second);
                assertThat(sandbox.clover.data().stock(sandbox.merchantId, first)).contains(17.25);
                assertThat(sandbox.clover.data().stock(sandbox.merchantId, second)).contains(3.0);

                assertThat(connector.current(sandbox.config, ItemStocks.OBJECT, batch.subList(0, 2)))
                        .containsOnlyKeys("k1", "k2").extractingByKey("k1")
                        .satisfies(m -> assertThat((BigDecimal) m.get("quantity")).isEqualByComparingTo("17.25"));
                assertThat(connector.write(sandbox.config, ItemStocks.OBJECT, batch.subList(0, 2)))
                        .extracting(WriteResult::outcome).containsOnly(Outcome.UNCHANGED);
            }
        }
    }
}
