package io.tillbridge.connector.square;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector acceptance suite against the Square sandbox: orders, the first stream, paged by 10. */
class SquareConnectorContractTest extends AbstractConnectorContractTest<SquareConfig> {

    static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    // One sandbox for the class: seeding takes a second, and only the write test changes it (inventory).
    private static SquareSandbox square;
    private static String token;

    @BeforeAll
    static void start_the_sandbox() {
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withOrders(40));
        token = square.issueToken();
    }

    @AfterAll
    static void stop_the_sandbox() {
        square.close();
    }

    @Override
    protected Connector<SquareConfig> newConnector() {
        SandboxTime time = new SandboxTime(NOW);
        return new SquareConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    @Override
    protected SquareConfig goodConfig() {
        return SquareConfig.of(square.baseUri(), token).withPaging(15, 10, 4);
    }

    @Override
    protected Map<Status, SquareConfig> badConfigs() {
        Map<Status, SquareConfig> bad = new LinkedHashMap<>();
        bad.put(Status.AUTH, goodConfig().withAccessToken("EAAAnot-a-token"));
        bad.put(Status.CONFIG, goodConfig().withLocations("LNOSUCHPLACE"));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withBaseUrl(URI.create("http://127.0.0.1:9")).withPaging(15, 10, 0));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        int missing = count - square.data().orders().size();
        if (missing > 0) {
            square.seedOrders(missing, java.time.Duration.ofDays(2));
        }
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return WindowedReader.at(Instant.parse("9999-12-31T00:00:00Z"));
    }

    @Override
    protected String targetObject() {
        return SquareStreamDescriptors.INVENTORY_ADJUSTMENTS;
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        String location = square.data().locations().get(0).path("id").asText();
        List<String> variations = square.data().catalogObjects().stream()
                .filter(o -> "ITEM_VARIATION".equals(o.path("type").asText()) && !o.path("is_deleted").asBoolean())
                .map(o -> o.path("id").asText()).limit(3).toList();
        return List.of(
                new WriteRecord("ledger-1", "", Map.of("catalog_object_id", variations.get(0), "location_id", location,
                        "quantity", new BigDecimal("5"), "occurred_at", NOW.toString())),
                new WriteRecord("ledger-2", "", Map.of("catalog_object_id", variations.get(1), "location_id", location,
                        "quantity", new BigDecimal("-1.5"), "occurred_at", NOW.toString())),
                new WriteRecord("ledger-3", "", Map.of("catalog_object_id", variations.get(2), "location_id", location,
                        "count", new BigDecimal("40"), "occurred_at", NOW.toString())));
    }
}
