package io.tillbridge.connector.square;

import io.tillbridge.connector.AbstractConnectorEgressArchitectureTest;

/** The Square connector opens connections only through the egress mechanics; its sandbox is the exception. */
class SquareEgressArchitectureTest extends AbstractConnectorEgressArchitectureTest {

    @Override
    protected String connectorPackage() {
        return "io.tillbridge.connector.square";
    }
}
