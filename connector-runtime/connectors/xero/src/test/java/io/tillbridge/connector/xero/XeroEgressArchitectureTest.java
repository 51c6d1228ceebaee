package io.tillbridge.connector.xero;

import io.tillbridge.connector.AbstractConnectorEgressArchitectureTest;

/** The Xero connector opens connections only through the egress mechanics; its sandbox is the exception. */
class XeroEgressArchitectureTest extends AbstractConnectorEgressArchitectureTest {

    @Override
    protected String connectorPackage() {
        return "io.tillbridge.connector.xero";
    }
}
