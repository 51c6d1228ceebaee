package io.tillbridge.engine;

import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.TargetConnector;
import jakarta.inject.Singleton;

/** Lends a run the connectors of its bound source and target connections; the run closes them. */
@Singleton
class RunConnectors {

    private final ConnectorConfigs configs;
    private final ConnectorContexts contexts;

    RunConnectors(ConnectorConfigs configs, ConnectorContexts contexts) {
        this.configs = configs;
        this.contexts = contexts;
    }

    @SuppressWarnings("unchecked")
    SourceConnector<Record> source(BoundConfig bound) {
        return (SourceConnector<Record>) contexts.lend(configs.registry().create(bound.spec().id()), bound);
    }

    @SuppressWarnings("unchecked")
    TargetConnector<Record> target(BoundConfig bound) {
        return (TargetConnector<Record>) contexts.lend(configs.registry().create(bound.spec().id()), bound);
    }
}
