package io.tillbridge.connector.clover;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector acceptance suite against the Clover sandbox: orders, the first stream, ten to a page. */
class CloverConnectorContractIT extends AbstractConnectorContractTest<CloverConfig> {

    // One sandbox for the class: the suite only reads, and seeding takes a moment.
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
}
