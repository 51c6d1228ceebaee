package io.tillbridge.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.ConfigSchema;
import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.spi.ConnectorSpec;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors installed on this platform (those {@link ConnectorRegistry} finds on the class
 * path), described once at start-up: the class path does not change while the process runs, so
 * the catalog and its entity tags do not either.
 */
@Singleton
public class ConnectorCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<InstalledConnector> connectors;
    private final Map<String, Entry> byId = new LinkedHashMap<>();
    private final String etag;

    /** One connector with its entity tag. */
    public record Entry(InstalledConnector connector, String etag) {
    }

    public ConnectorCatalog(ConnectorRegistry registry, ConnectorGrants grants, SandboxConnections sandboxes) {
        for (ConnectorSpec<?> spec : registry.specs()) {
            InstalledConnector connector = describe(spec, grants.scopes(spec.id()), sandboxes.offers(spec.id()));
            byId.put(spec.id(), new Entry(connector, etagOf(connector)));
        }
        this.connectors = byId.values().stream().map(Entry::connector).toList();
        this.etag = etagOf(connectors);
    }

    /** Every installed connector, in class path order. */
    public List<InstalledConnector> list() {
        return connectors;
    }

    /** The entity tag of {@link #list()}. */
    public String etag() {
        return etag;
    }

    public Optional<Entry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * A connector as the catalog shows it. The OAuth scopes are those of its OAuth role when it has
     * one ({@code roleScopes}), else those its spec declares.
     */
    static InstalledConnector describe(ConnectorSpec<?> spec, Optional<List<String>> roleScopes, boolean sandbox) {
        List<String> roles = Arrays.stream(ConnectorSpec.Role.values())
                .filter(spec.roles()::contains)
                .map(r -> r.name().toLowerCase(Locale.ROOT))
                .toList();
        ConnectorSpec.OAuth oauth = spec.oauth();
        return new InstalledConnector(spec.id(), spec.name(), spec.description(), spec.version(), roles,
                spec.streams(), oauth == null ? null : new InstalledConnector.OAuth(oauth.authorizeUrl(),
                        oauth.tokenUrl(), roleScopes.orElse(oauth.scopes()), oauth.scopeSeparator(),
                        roleScopes.isPresent()), sandbox,
                JSON.convertValue(withoutSecretValues(ConfigSchema.of(spec.configType())), new TypeReference<>() {
                }));
    }

    /**
     * The schema with no value of a secret field: a secret's {@code default} and {@code examples}
     * are dropped, at any depth, so that a connector that gives one by mistake does not publish it.
     */
    static ObjectNode withoutSecretValues(ObjectNode schema) {
        if (schema.path(ConfigSchema.SECRET).asBoolean(false)) {
            schema.remove(List.of("default", "examples"));
        }
        schema.elements().forEachRemaining(ConnectorCatalog::stripChildren);
        return schema;
    }

    private static void stripChildren(JsonNode node) {
        if (node instanceof ObjectNode object) {
            withoutSecretValues(object);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(ConnectorCatalog::stripChildren);
        }
    }

    /** A strong entity tag: a digest of the JSON the catalog answers. */
    private static String etagOf(Object value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(value)
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the connector catalog", e);
        }
    }
}
