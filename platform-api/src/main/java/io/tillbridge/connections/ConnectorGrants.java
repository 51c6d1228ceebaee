package io.tillbridge.connections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.connector.ConfigSchema;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.OAuthAuthorization;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.credentials.Secret;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The connectors' OAuth2 authorization-code role ({@link OAuthAuthorization}) as the platform uses
 * it: the vendor's authorization URL for a connection's non-secret config, the code exchange through
 * an egress policy, and the resulting config (the grant in its secret fields) as JSON values that
 * take the usual way into the vault. Also the config of a sandbox connection: the sandbox's own
 * fields and, for an OAuth connector, a grant the sandbox approves without a browser.
 */
@Singleton
public class ConnectorGrants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorConfigs configs;

    public ConnectorGrants(ConnectorConfigs configs) {
        this.configs = configs;
    }

    /** The scopes an installed connector asks for, when it connects with OAuth. */
    public Optional<List<String>> scopes(String connectorId) {
        return with(connectorId, EgressPolicy.strict(), oauth -> oauth == null ? Optional.empty()
                : Optional.of(List.copyOf(oauth.scopes())));
    }

    /** Whether the connector connects with OAuth. */
    public boolean usesOAuth(String connectorId) {
        return scopes(connectorId).isPresent();
    }

    /** The vendor's authorization page for a connection whose non-secret config is {@code plain}. No I/O. */
    public URI authorizationUrl(ConnectorSpec<?> spec, Map<String, Object> plain, String clientId, URI redirect,
            String state) {
        Record config = configs.bind(spec, plain, Map.of());
        return with(spec.id(), EgressPolicy.strict(), oauth -> required(spec, oauth)
                .authorizationUrl(config, clientId, redirect, state));
    }

    /**
     * Exchanges the code through {@code egress} and answers the connection's whole config: {@code plain}
     * and the grant's fields (secrets included, as plain text on their way to the vault).
     *
     * @throws ProblemException 422 connector-failed when the vendor refuses the code or cannot be reached
     */
    public Map<String, Object> exchange(ConnectorSpec<?> spec, Map<String, Object> plain, String clientId,
            String clientSecret, String code, URI redirect, EgressPolicy egress) {
        Record config = configs.bind(spec, plain, Map.of());
        return with(spec.id(), egress, oauth -> {
            OAuthAuthorization<Record> role = required(spec, oauth);
            try {
                OAuthTokens tokens = role.exchangeCode(config, clientId, clientSecret, code, redirect);
                return values(spec, role.withGrant(config, clientId, clientSecret, tokens));
            } catch (ConnectorException e) {
                throw new ProblemException(ProblemType.CONNECTOR_FAILED, e.category() + ": the code could not be"
                        + " exchanged for tokens: " + e.getMessage());
            }
        });
    }

    /**
     * The config of a connection to {@code sandbox}: {@code plain} with the sandbox's own fields over
     * it, and for an OAuth connector the grant of an authorization the sandbox approves at once.
     */
    public Map<String, Object> sandboxConfig(ConnectorSpec<?> spec, Map<String, Object> plain,
            SandboxConnections.Running sandbox, URI redirect) {
        Map<String, Object> merged = new LinkedHashMap<>(plain);
        merged.putAll(sandbox.sandbox().connectionConfig());
        if (!usesOAuth(spec.id())) {
            return merged;
        }
        String clientId = sandbox.sandbox().oauthClientId();
        URI approved = sandbox.sandbox().approve(authorizationUrl(spec, merged, clientId, redirect, "sandbox"));
        String code = queryValue(approved, "code");
        if (code == null) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "SYSTEM: the " + spec.id()
                    + " sandbox approved without a code");
        }
        return exchange(spec, merged, clientId, sandbox.sandbox().oauthClientSecret(), code, redirect,
                sandbox.egress());
    }

    /** The value of one query parameter of a URL, decoded; null when absent. */
    static String queryValue(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
                return kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A config record as JSON values: the schema's fields that are set. */
    private static Map<String, Object> values(ConnectorSpec<?> spec, Record config) {
        Map<String, Object> all = JSON.convertValue(config, JSON.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        Set<String> fields = new java.util.HashSet<>();
        ConfigSchema.of(spec.configType()).path("properties").fieldNames().forEachRemaining(fields::add);
        Map<String, Object> out = new LinkedHashMap<>();
        all.forEach((field, value) -> {
            if (value != null && fields.contains(field) && !Secret.MASK.equals(value)) {
                out.put(field, value);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> T with(String connectorId, EgressPolicy egress, Function<OAuthAuthorization<Record>, T> work) {
        try (Connector<?> connector = configs.registry().create(connectorId)) {
            if (connector instanceof ContextAware aware) {
                aware.useContext(ConnectorContext.standalone(egress));
            }
            return work.apply(connector instanceof OAuthAuthorization<?> oauth
                    ? (OAuthAuthorization<Record>) oauth : null);
        }
    }

    private static OAuthAuthorization<Record> required(ConnectorSpec<?> spec, OAuthAuthorization<Record> oauth) {
        if (oauth == null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Connector " + spec.id()
                    + " does not connect with OAuth; create the connection with its credentials instead.");
        }
        return oauth;
    }
}
