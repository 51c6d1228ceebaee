package io.tillbridge.connector.quickbooks;

import io.tillbridge.connector.AbstractConnectorEgressArchitectureTest;

/** The QuickBooks Online connector opens connections only through the egress mechanics; its sandbox is the exception. */
class QuickBooksEgressArchitectureTest extends AbstractConnectorEgressArchitectureTest {

    @Override
    protected String connectorPackage() {
        return "io.tillbridge.connector.quickbooks";
    }
}
