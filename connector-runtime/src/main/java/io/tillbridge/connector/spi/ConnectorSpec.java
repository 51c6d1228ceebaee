package io.tillbridge.connector.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a connector is: a stable id, a name for people, its roles and its config record. The
 * runtime derives the config's JSON Schema (and the portal's form) from the annotations of
 * {@code configType}; a connector never writes a schema by hand.
 *
 * @param id stable identifier, lower case with dashes ({@code http-json}); stored with every
 *     connection, so it never changes
 * @param name display name ({@code HTTP JSON API})
 * @param version the connector's version, for support
 * @param roles what the connector can do
 * @param configType the config record, annotated with {@link ConfigProperty} and jakarta.validation
 * @param description one or two sentences for the connector catalog; empty if none
 * @param streams the streams every connection of this connector offers, known without a config
 *     (a vendor's {@code orders}, the canonical {@code pos.orders}); empty when they depend on the
 *     config (a generic HTTP source) and only {@code discover} can tell
 * @param oauth how a merchant grants access through OAuth2, or null when the connector does not
 *     use OAuth2
 * @param <C> the config record
 */
public record ConnectorSpec<C extends Record>(String id, String name, String version, Set<Role> roles,
                                             Class<C> configType, String description, List<String> streams,
                                             OAuth oauth) {

    /**
     * A connector's OAuth2 authorization-code flow, for the platform's connect endpoints.
     *
     * @param authorizeUrl the vendor's authorization page in production
     * @param tokenUrl the vendor's token endpoint in production
     * @param scopes the scopes the connector asks for, in the vendor's spelling
     * @param scopeSeparator how the vendor joins scopes in the authorize URL ({@code " "} or {@code ","})
     */
    public record OAuth(String authorizeUrl, String tokenUrl, List<String> scopes, String scopeSeparator) {
        public OAuth {
            Objects.requireNonNull(authorizeUrl, "authorizeUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            scopes = List.copyOf(scopes);
            scopeSeparator = scopeSeparator == null ? " " : scopeSeparator;
        }
    }

    /** A connector without a catalog description, fixed streams or OAuth2. */
    public ConnectorSpec(String id, String name, String version, Set<Role> roles, Class<C> configType) {
        this(id, name, version, roles, configType, "", List.of(), null);
    }

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The roles a connector can play (Camel's consumer and producer). */
    public enum Role {
        /** Reads records: implements {@link SourceConnector}. */
        SOURCE,
        /** Writes records: implements {@link TargetConnector}. */
        TARGET,
        /** Receives pushed events: implements {@link WebhookReceiver}. */
        WEBHOOK
    }

    public ConnectorSpec {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a connector id is lower case with dashes: " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a connector has at least one role");
        }
        Objects.requireNonNull(configType, "configType");
        description = description == null ? "" : description;
        streams = List.copyOf(streams);
    }
}
