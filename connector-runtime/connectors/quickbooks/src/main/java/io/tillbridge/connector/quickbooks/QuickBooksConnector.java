package io.tillbridge.connector.quickbooks;

import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.OAuth2RefreshAuth;
import io.tillbridge.connector.rest.OAuth2TokenEndpoint;
import io.tillbridge.connector.rest.UriQuery;
import java.net.URI;
import io.tillbridge.connector.spi.OAuthAuthorization;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.RestClients;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.rest.StopRequested;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * QuickBooks Online: posts the accounting objects ({@code journal_entries} as JournalEntry,
 * {@code sales_receipts} as SalesReceipt, {@code credit_notes} as RefundReceipt; see
 * {@link JournalPostings} and {@link SalesPostings}) so that no document is ever posted twice
 * ({@link DocumentWrites}), and reads the company's accounts, tax codes, tax rates, items and
 * customers for the mapping editor ({@link QuickBooksStreams}).
 *
 * <p>Every request goes through the runtime's REST mechanics: the context's egress policy, the
 * {@code quickbooks} gate of the realm's quota (Intuit: 500 requests a minute, 10 at once), reads
 * retried with exponential backoff and jitter, and bearer auth that refreshes the OAuth2 access
 * token (an hour's life) through Intuit's token endpoint after a 401 when the connection has a
 * refresh token. Intuit's fault envelope is read into the messages.
 */
public final class QuickBooksConnector implements SourceConnector<QuickBooksConfig>,
        TargetConnector<QuickBooksConfig>, ContextAware, OAuthAuthorization<QuickBooksConfig> {

    public static final String ID = "quickbooks";

    public static final ConnectorSpec<QuickBooksConfig> SPEC = new ConnectorSpec<>(ID, "QuickBooks Online", "1.0.0",
            Set.of(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET), QuickBooksConfig.class,
            "Posts daily journals, sales receipts and refund receipts to QuickBooks Online, each once, with adjusting"
                    + " entries for journals that change after posting; reads accounts, tax codes and rates, items"
                    + " and customers.",
            Stream.concat(QuickBooksStreams.ENTITIES.keySet().stream(), AccountingObjects.WRITABLE.stream()).toList(),
            new ConnectorSpec.OAuth("https://appcenter.intuit.com/connect/oauth2", QuickBooksConfig.TOKEN_URL,
                    List.of("com.intuit.quickbooks.accounting"), " "));

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Intuit asks for a 60-second wait after a 429 (vendor-apis.md): reads back off up to a minute. */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(2));

    private final RestClients clients;

    /** For {@link java.util.ServiceLoader}. */
    public QuickBooksConnector() {
        this(RETRIES, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With waiting, time and randomness injected (tests observe backoff instead of spending it). */
    public QuickBooksConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.clients = new RestClients(retries, sleeper, clock, random, QuickBooksApi::describe);
    }

    /** As above, with the given egress policy (tests allow loopback for the sandbox this way). */
    public QuickBooksConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random,
            EgressPolicy egress) {
        this(retries, sleeper, clock, random);
        clients.withEgress(egress);
    }

    @Override
    public void useContext(ConnectorContext context) {
        clients.useContext(context);
    }

    @Override
    public ConnectorSpec<QuickBooksConfig> spec() {
        return SPEC;
    }

    @Override
    public List<String> scopes() {
        return SPEC.oauth().scopes();
    }

    /**
     * Intuit's consent page (appcenter.intuit.com) for Intuit's own API hosts; for any other API URL
     * (the shipped sandbox, a test server) the page under that URL, {@code <baseUrl>/connect/oauth2}.
     * Intuit sends the company's {@code realmId} with the code; the connection's config names it.
     */
    @Override
    public URI authorizationUrl(QuickBooksConfig config, String clientId, URI redirectUri, String state) {
        String host = config.baseUrl().getHost() == null ? "" : config.baseUrl().getHost();
        URI url = host.endsWith(".intuit.com") ? URI.create(SPEC.oauth().authorizeUrl())
                : config.baseUrl().resolve("/connect/oauth2");
        url = UriQuery.with(url, "client_id", clientId);
        url = UriQuery.with(url, "response_type", "code");
        url = UriQuery.with(url, "scope", String.join(" ", scopes()));
        url = UriQuery.with(url, "redirect_uri", redirectUri.toString());
        return UriQuery.with(url, "state", state);
    }

    /** The authorization-code grant at the config's token endpoint, form-encoded with Basic client auth. */
    @Override
    public OAuthTokens exchangeCode(QuickBooksConfig config, String clientId, String clientSecret, String code,
            URI redirectUri) {
        return new OAuth2TokenEndpoint(config.oauthEndpointUrl(), clientId, clientSecret, CONNECT_TIMEOUT,
                Duration.ofSeconds(config.timeoutSeconds()), clients.clock(), clients.context().egress())
                .exchangeCode(code, redirectUri);
    }

    @Override
    public QuickBooksConfig withGrant(QuickBooksConfig config, String clientId, String clientSecret, OAuthTokens tokens) {
        return config.withOAuth(config.oauthEndpointUrl(), clientId, clientSecret, tokens.refreshToken())
                .withAccessToken(tokens.accessToken());
    }

    /** Parameters first, then CompanyInfo: one cheap read every token may make. */
    @Override
    public CheckResult check(QuickBooksConfig config) {
        return ConnectorCheck.run(config::problems, () -> {
            try (Call call = new Call(config, () -> false)) {
                call.api.companyInfo();
            }
        });
    }

    /** The lists it reads and the objects it writes, after checking that QuickBooks takes the credentials. */
    @Override
    public Catalog discover(QuickBooksConfig config) {
        ConnectorCheck.requireUsable(config.problems());
        try (Call call = new Call(config, () -> false)) {
            call.api.companyInfo();
        }
        return new Catalog(QuickBooksStreams.all());
    }

    @Override
    public void read(QuickBooksConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        ConnectorCheck.requireUsable(config.problems());
        String entity = QuickBooksStreams.ENTITIES.get(stream);
        if (entity == null) {
            throw new ConnectorException(Category.CONFIG, "QuickBooks has no stream " + stream);
        }
        try (Call call = new Call(config, sink::stopRequested)) {
            QuickBooksStreams.reader(call.api, entity, config.pageSize()).read(stream, checkpoint, sink);
        } catch (StopRequested stop) {
            // Asked to stop while waiting for the quota: what was emitted before stays covered.
        }
    }

    /**
     * One result per record, in order; a record QuickBooks refuses (or that is not a valid document)
     * is REJECTED with the reason and the batch goes on.
     */
    @Override
    public List<WriteResult> write(QuickBooksConfig config, String object, List<WriteRecord> batch) {
        requireObject(config, object);
        List<WriteResult> results = new ArrayList<>(batch.size());
        try (Call call = new Call(config, () -> false)) {
            DocumentWrites writes = new DocumentWrites(call.api, clients.sleeper(), config.maxRetries(),
                    config.pageSize());
            if (AccountingObjects.JOURNAL_ENTRIES.equals(object)) {
                JournalPostings journals = new JournalPostings(call.api, writes, config, clients.clock());
                batch.forEach(r -> results.add(journals.write(r)));
            } else {
                SalesPostings sales = new SalesPostings(call.api, writes, config, object);
                batch.forEach(r -> results.add(sales.write(r)));
            }
        }
        return results;
    }

    /** For shadow mode: the posted journals (first posting plus adjustments); receipts are not compared yet. */
    @Override
    public Map<String, Map<String, Object>> current(QuickBooksConfig config, String object,
            List<WriteRecord> records) {
        requireObject(config, object);
        if (!AccountingObjects.JOURNAL_ENTRIES.equals(object)) {
            return Map.of();
        }
        try (Call call = new Call(config, () -> false)) {
            DocumentWrites writes = new DocumentWrites(call.api, clients.sleeper(), config.maxRetries(),
                    config.pageSize());
            return new JournalPostings(call.api, writes, config, clients.clock()).current(records);
        }
    }

    private static void requireObject(QuickBooksConfig config, String object) {
        ConnectorCheck.requireUsable(config.problems());
        if (!AccountingObjects.WRITABLE.contains(object)) {
            throw new ConnectorException(Category.CONFIG, "QuickBooks takes " + AccountingObjects.WRITABLE + ", not "
                    + object);
        }
    }

    /** The clients and API of one verb; closed after it. */
    private final class Call implements AutoCloseable {
        final JsonHttpClient reads;
        final JsonHttpClient writes;
        final QuickBooksApi api;

        Call(QuickBooksConfig config, BooleanSupplier stopRequested) {
            Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
            CallGate gate = clients.context().gate(ID, config.realmId());
            this.reads = clients.client(timeout, config.maxRetries(), gate, stopRequested);
            // Writes are sent once per call: DocumentWrites looks a document up before sending it again.
            this.writes = clients.client(timeout, 0, gate, () -> false);
            this.api = new QuickBooksApi(config.baseUrl(), config.realmId(), reads, writes, auth(config, timeout));
        }

        private RequestAuth auth(QuickBooksConfig config, Duration timeout) {
            if (!config.usesOAuth()) {
                return QuickBooksApi.bearer(config.accessToken());
            }
            OAuthTokens initial = new OAuthTokens(config.accessToken() == null || config.accessToken().isBlank()
                    ? null : config.accessToken(), config.oauthRefreshToken(), null);
            return new OAuth2RefreshAuth(clients.context().oauthTokens(initial), new OAuth2TokenEndpoint(
                    config.oauthEndpointUrl(), config.oauthClientId(), config.oauthClientSecret(), CONNECT_TIMEOUT, timeout,
                    clients.clock(), clients.context().egress()), clients.clock());
        }

        @Override
        public void close() {
            reads.close();
            writes.close();
        }
    }
}
