package io.tillbridge.connections;

import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.tenants.TenantId;
import java.util.UUID;

/**
 * A connection's decrypted config bound to its connector's config record, or why there is none.
 * Holds secrets: never log, serialise or audit it ({@link #toString()} names the connector only).
 *
 * @param spec the connection's connector
 * @param config the bound config; null when it cannot be bound
 * @param problem why there is no config, readable by a merchant; null when there is one
 * @param tenant the connection's tenant
 * @param connectionId the connection
 */
public record BoundConfig(ConnectorSpec<?> spec, Record config, String problem, TenantId tenant, UUID connectionId) {

    @Override
    public String toString() {
        return "BoundConfig[" + spec.id() + "]";
    }
}
