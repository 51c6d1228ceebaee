package io.tillbridge.engine;

import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorSpec;
import java.util.List;

/** A test connector that always checks fine and discovers nothing; subclasses read or write. */
abstract class TestConnector<C extends Record> implements Connector<C> {

    private final ConnectorSpec<C> spec;

    TestConnector(ConnectorSpec<C> spec) {
        this.spec = spec;
    }

    @Override
    public ConnectorSpec<C> spec() {
        return spec;
    }

    @Override
    public CheckResult check(C config) {
        return CheckResult.ok();
    }

    @Override
    public Catalog discover(C config) {
        return new Catalog(List.of());
    }
}
