package io.tillbridge.connections;

import java.util.Map;
import java.util.Objects;

/**
 * A connection to create, or the new name and config of one. Secret fields in {@code config} are
 * plain text here, on their way to the vault; {@link #toString()} lists field names only.
 *
 * @param connectorId the connector's id (ignored on update: a connection keeps its connector)
 * @param name 1 to 200 characters
 * @param config the connector's config as JSON values
 * @param sandbox whether the connection talks to the vendor sandbox that ships with the platform
 *     (on create only: a connection keeps what it talks to)
 */
public record ConnectionDraft(String connectorId, String name, Map<String, Object> config, boolean sandbox) {

    public ConnectionDraft {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        config = config == null ? Map.of() : config;
    }

    /** A connection to the vendor itself. */
    public ConnectionDraft(String connectorId, String name, Map<String, Object> config) {
        this(connectorId, name, config, false);
    }

    @Override
    public String toString() {
        return "ConnectionDraft[connectorId=" + connectorId + ", name=" + name + ", fields=" + config.keySet() + ", sandbox=" + sandbox + "]";
    }
}
