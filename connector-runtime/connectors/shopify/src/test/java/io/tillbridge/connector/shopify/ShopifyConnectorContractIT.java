package io.tillbridge.connector.shopify;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
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

/** The connector acceptance suite against the Shopify sandbox: orders, the first stream, paged by 10. */
class ShopifyConnectorContractIT extends AbstractConnectorContractTest<ShopifyConfig> {

    // One sandbox for the class: seeding takes a second, and only the write test changes it (inventory).
    private static ShopifyReads sandbox;

    @BeforeAll
    static void start_the_sandbox() {
        sandbox = new ShopifyReads(ShopifyReads.options(5, ShopProfile.US, 40), 10);
    }

    @AfterAll
    static void stop_the_sandbox() {
        sandbox.close();
    }

    @Override
    protected Connector<ShopifyConfig> newConnector() {
        return sandbox.connector();
    }

    @Override
    protected ShopifyConfig goodConfig() {
        return sandbox.config;
    }

    @Override
    protected Map<Status, ShopifyConfig> badConfigs() {
        Map<Status, ShopifyConfig> bad = new LinkedHashMap<>();
        bad.put(Status.AUTH, goodConfig().withAccessToken("shpat_not-a-token"));
        bad.put(Status.CONFIG, goodConfig().withLocations("999"));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withBaseUrl(URI.create("http://127.0.0.1:9/x.myshopify.com"))
                .withPaging(15, 10, 0));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        if (sandbox.shopify.shop().orders().size() < count) {
            throw new IllegalStateException("the sandbox was seeded with fewer orders than " + count);
        }
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return ShopifyReader.at(Instant.parse("9999-12-31T00:00:00Z"));
    }

    @Override
    protected String targetObject() {
        return ShopifyStreamDescriptors.INVENTORY_SET;
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        var levels = sandbox.shopify.shop().inventoryLevels().subList(0, 3);
        return List.of(
                level("ledger-1", levels.get(0).path("inventory_item_id").asLong(),
                        levels.get(0).path("location_id").asLong(), "40"),
                level("ledger-2", levels.get(1).path("inventory_item_id").asLong(),
                        levels.get(1).path("location_id").asLong(), "0"),
                level("ledger-3", levels.get(2).path("inventory_item_id").asLong(),
                        levels.get(2).path("location_id").asLong(), "7.0"));
    }

    private static WriteRecord level(String key, long item, long location, String available) {
        return new WriteRecord(key, "", Map.of("inventory_item_id", BigDecimal.valueOf(item),
                "location_id", BigDecimal.valueOf(location), "available", new BigDecimal(available)));
    }
}
