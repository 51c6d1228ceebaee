package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.WriteRecord;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector acceptance suite against the Clover sandbox: orders, the first stream, ten to a page; item stock. */
class CloverConnectorContractIT extends AbstractConnectorContractTest<CloverConfig> {

    // One sandbox for the class: seeding takes a moment, and only the write test changes it (item stock).
    private static CloverReads sandbox;

    @BeforeAll
    static void start_the_sandbox() {
        sandbox = new CloverReads(CloverReads.options(11, CloverMerchant.US_NEW_YORK, 60), 10);
    }

    @AfterAll
    static void stop_the_sandbox() {
        sandbox.close();
    }

    @Override
    protected Connector<CloverConfig> newConnector() {
        return sandbox.connector();
    }

    @Override
    protected CloverConfig goodConfig() {
        return sandbox.config;
    }

    @Override
    protected Map<Status, CloverConfig> badConfigs() {
        Map<Status, CloverConfig> bad = new LinkedHashMap<>();
        bad.put(Status.AUTH, goodConfig().withAccessToken("not-a-clover-token"));
        bad.put(Status.CONFIG, goodConfig().withMerchant(""));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withBaseUrl(URI.create("http://127.0.0.1:9")).withReads(365, 60, 10, 0));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        if (sandbox.orders().size() < count) {
            throw new IllegalStateException("the sandbox was seeded with fewer than " + count + " orders");
        }
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return CloverWindowReader.at(Instant.parse("9999-12-31T00:00:00Z"));
    }

    @Override
    protected String targetObject() {
        return ItemStocks.OBJECT;
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        List<JsonNode> items = sandbox.clover.data().items(sandbox.merchantId).stream()
                .filter(i -> sandbox.clover.data().stock(sandbox.merchantId, i.path("id").asText()).isPresent())
                .limit(3).toList();
        return List.of(
                new WriteRecord("stock-1", "", Map.of("item_id", items.get(0).path("id").asText(),
                        "quantity", new BigDecimal("40"))),
                new WriteRecord("stock-2", "", Map.of("sku", items.get(1).path("sku").asText(),
                        "quantity", new BigDecimal("12.5"))),
                new WriteRecord("stock-3", "", Map.of("item_id", items.get(2).path("id").asText(),
                        "quantity", new BigDecimal("0"))));
    }
}
