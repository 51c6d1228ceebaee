package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The acceptance suite over a file fetched from a URL (a web server on loopback), a checkpoint every ten rows. */
class SpreadsheetUrlSourceContractIT extends AbstractConnectorContractTest<SpreadsheetSourceConfig> {

    private FileServer server;

    @BeforeEach
    void start_the_server() throws IOException {
        server = new FileServer();
    }

    @AfterEach
    void stop_the_server() {
        server.close();
    }

    @Override
    protected Connector<SpreadsheetSourceConfig> newConnector() {
        SpreadsheetSourceConnector source = new SpreadsheetSourceConnector(10);
        source.useContext(ConnectorContext.standalone(TestEgress.LOOPBACK));
        return source;
    }

    @Override
    protected SpreadsheetSourceConfig goodConfig() {
        return new SpreadsheetSourceConfig(server.url("/orders.csv"), null, null, "order_id", null, null, null, null, null);
    }

    @Override
    protected Map<Status, SpreadsheetSourceConfig> badConfigs() {
        Map<Status, SpreadsheetSourceConfig> bad = new LinkedHashMap<>();
        bad.put(Status.CONFIG, SpreadsheetSourceConfig.at(server.url("/missing.csv")));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, SpreadsheetSourceConfig.at("http://127.0.0.1:9/orders.csv"));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        server.serve(Sheets.orders(1, count).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(server.content()));
            return ReadCheckpoint.content(sha, Long.MAX_VALUE, true).toCheckpoint();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
