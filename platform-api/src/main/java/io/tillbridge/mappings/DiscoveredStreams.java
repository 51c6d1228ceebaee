package io.tillbridge.mappings;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.problems.ProblemException;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What discovery finds behind an integration's connections, for validating a mapping, previewing it
 * on samples and suggesting field pairs. Discovery calls the connected system, so it is asked only
 * for a caller who may operate the tenant; when it is not allowed or not reachable now, the answer
 * is empty and the caller falls back or asks for the fields in the request.
 */
@Singleton
class DiscoveredStreams {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveredStreams.class);

    private final ConnectionService connections;

    DiscoveredStreams(ConnectionService connections) {
        this.connections = connections;
    }

    /** One stream or object of the connection by name, or empty. */
    Optional<StreamDescriptor> find(TenantScope scope, UUID connectionId, String name) {
        if (!scope.may(Permission.OPERATE)) {
            return Optional.empty();
        }
        try {
            DiscoveredCatalog catalog = connections.discover(scope, connectionId);
            return catalog.streams().stream().filter(s -> s.name().equals(name)).findFirst().map(s -> new StreamDescriptor(
                    s.name(), s.fields().stream().map(f -> new FieldDescriptor(f.name(),
                            FieldSuggestionRequest.Field.typeNamed(f.type()), f.nullable(), f.samples())).toList(),
                    s.keyField(), s.cursorField(), s.openSchema()));
        } catch (ProblemException e) {
            LOG.debug("Discovery of connection {} unavailable for mapping validation: {}", connectionId, e.getMessage());
            return Optional.empty();
        }
    }
}
