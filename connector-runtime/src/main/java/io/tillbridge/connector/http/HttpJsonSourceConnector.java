package io.tillbridge.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.rest.FieldSampler;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.OAuth2RefreshAuth;
import io.tillbridge.connector.rest.OAuth2TokenEndpoint;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.RestClients;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * Reads any HTTP API that answers GET with pages of JSON records: bearer or header auth, cursor,
 * page-number or {@code Link} header pagination, incremental by an update timestamp. One stream,
 * named in the config. Or OAuth2 with a refresh token, the tokens kept by the runtime's
 * {@link ConnectorContext}. Every request takes a permit from the runtime's gate of the configured
 * provider account first.
 */
public final class HttpJsonSourceConnector implements SourceConnector<HttpJsonSourceConfig>, ContextAware {

    public static final ConnectorSpec<HttpJsonSourceConfig> SPEC = new ConnectorSpec<>("http-json", "HTTP JSON API",
            "1.0.0", Set.of(ConnectorSpec.Role.SOURCE), HttpJsonSourceConfig.class,
            "Reads any JSON API over HTTPS: one stream per endpoint, with cursor, page-number or Link-header"
                    + " paging, incremental reads on a field, and API key, bearer or OAuth2 authentication.",
            java.util.List.of(), null);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final RestClients clients;

    /** For {@link java.util.ServiceLoader}. */
    public HttpJsonSourceConnector() {
        this(RetryPolicy.DEFAULT, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * With the waiting and randomness injected and the given egress policy (tests allow loopback for
     * their local fake servers this way); the config's retry count still applies.
     */
    public HttpJsonSourceConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random,
            EgressPolicy egress) {
        this(retries, sleeper, clock, random);
        clients.withEgress(egress);
    }

    /**
     * With the waiting and randomness injected, for tests; the config's retry count still applies.
     * Connections obey the strict egress policy until a context says otherwise.
     */
    public HttpJsonSourceConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.clients = new RestClients(retries, sleeper, clock, random, JsonHttpClient.ErrorDetail.NONE);
    }

    @Override
    public void useContext(ConnectorContext context) {
        clients.useContext(context);
    }

    @Override
    public ConnectorSpec<HttpJsonSourceConfig> spec() {
        return SPEC;
    }

    @Override
    public CheckResult check(HttpJsonSourceConfig config) {
        return ConnectorCheck.run(config::problems, () -> {
            try (JsonHttpClient client = client(config, () -> false)) {
                reader(config, client).firstPage();
            }
        });
    }

    @Override
    public Catalog discover(HttpJsonSourceConfig config) {
        requireUsable(config);
        List<JsonNode> samples;
        try (JsonHttpClient client = client(config, () -> false)) {
            samples = reader(config, client).firstPage();
        }
        String keyField = config.idPointer();
        return new Catalog(List.of(new StreamDescriptor(config.stream(), FieldSampler.fields(samples), keyField,
                config.updatedAtPointer())));
    }

    @Override
    public void read(HttpJsonSourceConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        requireUsable(config);
        if (!config.stream().equals(stream)) {
            throw new ConnectorException(Category.CONFIG, "no stream " + stream + "; this API has " + config.stream());
        }
        try (JsonHttpClient client = client(config, sink::stopRequested)) {
            reader(config, client).read(stream, checkpoint, sink);
        }
    }

    private static void requireUsable(HttpJsonSourceConfig config) {
        ConnectorCheck.requireUsable(config.problems());
    }

    /** A client for one call (check, discover, read), through the context's egress policy; close it after. */
    private JsonHttpClient client(HttpJsonSourceConfig config, BooleanSupplier stopRequested) {
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        String account = config.rateLimitAccount().isEmpty() ? null : config.rateLimitAccount();
        return clients.client(timeout, config.maxRetries(),
                clients.context().gate(config.rateLimitProvider().rateClass(), account), stopRequested);
    }

    private HttpJsonStreamReader reader(HttpJsonSourceConfig config, JsonHttpClient client) {
        return new HttpJsonStreamReader(config, client, auth(config, Duration.ofSeconds(config.timeoutSeconds())));
    }

    private RequestAuth auth(HttpJsonSourceConfig config, Duration timeout) {
        if (!config.usesOAuth()) {
            return RequestAuth.NONE;
        }
        OAuthTokens initial = new OAuthTokens(blankToNull(config.oauthAccessToken()), config.oauthRefreshToken(), null);
        ConnectorContext context = clients.context();
        return new OAuth2RefreshAuth(context.oauthTokens(initial), new OAuth2TokenEndpoint(config.oauthEndpoint(),
                config.oauthClientId(), config.oauthClientSecret(), CONNECT_TIMEOUT, timeout, clients.clock(),
                context.egress()), clients.clock());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
