package io.tillbridge.ui.integrations;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's connections an integration can read from and write to, by what their connector can
 * be, and the streams each offers: the connector's fixed streams, or what discovery finds when the
 * streams depend on the connection's settings.
 */
final class ConnectionChoices {

    private final ConnectionService connections;
    private final ConnectorCatalog catalog;

    ConnectionChoices(ConnectionService connections, ConnectorCatalog catalog) {
        this.connections = connections;
        this.catalog = catalog;
    }

    /** A form whose connection choices are the tenant's, each by role. */
    IntegrationForm form(TenantScope scope) {
        List<ConnectionDetail> all = connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items();
        return new IntegrationForm(withRole(all, "source"), withRole(all, "target"), c -> streams(scope, c));
    }

    private List<ConnectionDetail> withRole(List<ConnectionDetail> all, String role) {
        return all.stream().filter(c -> catalog.find(c.connectorId())
                .map(e -> e.connector().roles().contains(role)).orElse(false)).toList();
    }

    private List<String> streams(TenantScope scope, ConnectionDetail connection) {
        List<String> fixed = catalog.find(connection.connectorId()).map(e -> e.connector().streams()).orElse(List.of());
        if (!fixed.isEmpty() || !scope.may(Permission.OPERATE)) {
            return fixed;
        }
        try {
            return connections.discover(scope, connection.id()).streams().stream().map(DiscoveredCatalog.Stream::name)
                    .toList();
        } catch (ProblemException e) {
            // The system cannot be asked now: the stream's name can still be typed.
            return List.of();
        }
    }
}
