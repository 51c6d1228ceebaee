package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.InMemoryConnectionFiles;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.WriteRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The acceptance suite for the output files (the source half is skipped: it is a pure target). */
class SpreadsheetTargetContractTest extends AbstractConnectorContractTest<SpreadsheetTargetConfig> {

    private final InMemoryConnectionFiles files = new InMemoryConnectionFiles();

    @Override
    protected Connector<SpreadsheetTargetConfig> newConnector() {
        SpreadsheetTargetConnector target = new SpreadsheetTargetConnector();
        target.useContext(new InProcessConnectorContext().withFiles(files));
        return target;
    }

    @Override
    protected SpreadsheetTargetConfig goodConfig() {
        return new SpreadsheetTargetConfig(SpreadsheetTargetConfig.OutputFormat.xlsx,
                SpreadsheetTargetConfig.Split.per_business_day, null, "Europe/Berlin", "time_zone");
    }

    @Override
    protected Map<Status, SpreadsheetTargetConfig> badConfigs() {
        Map<Status, SpreadsheetTargetConfig> bad = new LinkedHashMap<>();
        bad.put(Status.CONFIG, new SpreadsheetTargetConfig(null, null, null, "Mars/Olympus_Mons", null));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        // A pure target: nothing to read.
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return new Checkpoint("{}");
    }

    @Override
    protected String targetObject() {
        return "orders";
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        return List.of(
                new WriteRecord("k-1", "", Map.of("order_id", "A1", "total", new BigDecimal("12.50"),
                        "business_day", "2026-12-06", "closed_at", "2026-12-06T21:15:00Z")),
                new WriteRecord("k-2", "", Map.of("order_id", "A2", "total", new BigDecimal("3.00"),
                        "business_day", "2026-12-07", "closed_at", "2026-12-07T08:00:00Z")));
    }
}
