package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.InMemoryConnectionFiles;
import java.util.LinkedHashMap;
import java.util.Map;

/** The acceptance suite over files uploaded to the connection, a checkpoint every ten rows. */
class SpreadsheetSourceContractTest extends AbstractConnectorContractTest<SpreadsheetSourceConfig> {

    private final InMemoryConnectionFiles files = new InMemoryConnectionFiles();
    private int held;

    @Override
    protected Connector<SpreadsheetSourceConfig> newConnector() {
        return Sheets.source(files, 10);
    }

    @Override
    protected SpreadsheetSourceConfig goodConfig() {
        return Sheets.config("order_id", null, null, null, null, null);
    }

    @Override
    protected Map<Status, SpreadsheetSourceConfig> badConfigs() {
        Map<Status, SpreadsheetSourceConfig> bad = new LinkedHashMap<>();
        bad.put(Status.CONFIG, Sheets.config("order_id", "amount:money", "ab", null, null, null));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        if (count > held) {
            files.upload("orders-" + (held + 1) + ".csv", Sheets.orders(held + 1, count));
            held = count;
        }
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return ReadCheckpoint.upload(Long.MAX_VALUE, 0, true).toCheckpoint();
    }
}
