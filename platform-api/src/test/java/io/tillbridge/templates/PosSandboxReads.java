package io.tillbridge.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.tenants.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a stream of a tenant's connection in full, straight through its connector, as a run would
 * from no checkpoint: what the vendor sandbox holds right now, to check what the runs wrote against.
 * Records by key; a record read twice keeps its last copy.
 */
final class PosSandboxReads {

    private final ConnectionService connections;
    private final ConnectorConfigs configs;
    private final ConnectorContexts contexts;

    PosSandboxReads(ConnectionService connections, ConnectorConfigs configs, ConnectorContexts contexts) {
        this.connections = connections;
        this.configs = configs;
        this.contexts = contexts;
    }

    @SuppressWarnings("unchecked")
    Map<String, SourceRecord> read(UUID tenant, String connectionId, String stream) {
        BoundConfig bound = connections.bind(new TenantId(tenant), UUID.fromString(connectionId));
        assertThat(bound.problem()).as("the connection binds").isNull();
        Map<String, SourceRecord> records = new LinkedHashMap<>();
        try (SourceConnector<Record> source = (SourceConnector<Record>) contexts.lend(
                configs.registry().create(bound.spec().id()), bound)) {
            source.read(bound.config(), stream, null, new RecordSink() {
                @Override
                public void record(SourceRecord record) {
                    records.put(record.key(), record);
                }

                @Override
                public void checkpoint(Checkpoint checkpoint) {
                    // A full read: nothing to keep.
                }
            });
        }
        return records;
    }
}
