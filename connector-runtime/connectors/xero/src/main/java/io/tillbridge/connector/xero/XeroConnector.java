package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.OAuth2RefreshAuth;
import io.tillbridge.connector.rest.OAuth2TokenEndpoint;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.RestClients;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.rest.StopRequested;
import io.tillbridge.connector.rest.UriQuery;
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
import io.tillbridge.connector.spi.OAuthAuthorization;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookReceiver;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * Xero, the accounting package: writes journals (manual journals), sales (invoices paid at once) and
 * refunds (credit notes refunded at once), and reads accounts, tax rates, items and contacts for the
 * mapping editor's value pickers.
 *
 * <p>Every request goes through the runtime's REST mechanics: the context's egress policy, the
 * {@code xero} gate of the organisation's quota, retries with backoff that honour
 * {@code Retry-After}, and OAuth 2.0 tokens the runtime keeps and refreshes. No document is posted
 * twice: each carries a number derived from the record's idempotency key and an
 * {@code Idempotency-Key} header, a write whose outcome is unknown is resolved by looking the
 * documents up before anything is sent again ({@link XeroPosting}), and a record already posted is
 * corrected, not posted again ({@link XeroJournals}).
 */
public final class XeroConnector implements SourceConnector<XeroConfig>, TargetConnector<XeroConfig>, ContextAware,
        WebhookReceiver<XeroConfig>, OAuthAuthorization<XeroConfig> {

    public static final ConnectorSpec<XeroConfig> SPEC = new ConnectorSpec<>("xero", "Xero", "1.0.0",
            Set.of(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET), XeroConfig.class,
            "Posts daily journals, sales and refunds to Xero and reads its accounts, tax rates, items and contacts.",
            XeroStreams.READ, new ConnectorSpec.OAuth("https://login.xero.com/identity/connect/authorize",
                    XeroConfig.TOKEN_URL.toString(), List.of("offline_access", "accounting.transactions",
                    "accounting.settings.read", "accounting.contacts.read"), " "));

    @Override
    public List<String> scopes() {
        return SPEC.oauth().scopes();
    }

    /**
     * Xero's login page (login.xero.com) for Xero's own API host; for any other API URL (the shipped
     * sandbox, a test server) the page under it, {@code <baseUrl>/identity/connect/authorize}. The
     * organisation (the {@code xero-tenant-id}) is the config's.
     */
    @Override
    public URI authorizationUrl(XeroConfig config, String clientId, URI redirectUri, String state) {
        URI url = config.tokenUrl().equals(XeroConfig.TOKEN_URL) ? URI.create(SPEC.oauth().authorizeUrl())
                : config.baseUrl().resolve("/identity/connect/authorize");
        url = UriQuery.with(url, "response_type", "code");
        url = UriQuery.with(url, "client_id", clientId);
        url = UriQuery.with(url, "redirect_uri", redirectUri.toString());
        url = UriQuery.with(url, "scope", String.join(" ", scopes()));
        return UriQuery.with(url, "state", state);
    }

    /** The authorization-code grant at Xero's token endpoint, form-encoded with Basic client auth. */
    @Override
    public OAuthTokens exchangeCode(XeroConfig config, String clientId, String clientSecret, String code,
            URI redirectUri) {
        return new OAuth2TokenEndpoint(config.tokenUrl(), clientId, clientSecret, Duration.ofSeconds(10),
                config.timeout(), clients.clock(), clients.context().egress()).exchangeCode(code, redirectUri);
    }

    @Override
    public XeroConfig withGrant(XeroConfig config, String clientId, String clientSecret, OAuthTokens tokens) {
        return config.withOAuth(clientId, clientSecret, tokens.refreshToken()).withAccessToken(tokens.accessToken());
    }

    /** Xero's minute limit frees within 60 seconds; a longer wait is the daily limit (see {@link XeroApi}). */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), XeroApi.LONGEST_WAIT);

    private final RestClients clients;

    /** For {@link java.util.ServiceLoader}. */
    public XeroConnector() {
        this(RETRIES, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With waiting, time and randomness injected (tests observe backoff instead of spending it). */
    public XeroConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.clients = new RestClients(retries, sleeper, clock, random, XeroApi::describe);
    }

    /** As above, with the given egress policy (tests allow loopback for the sandbox this way). */
    public XeroConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random, EgressPolicy egress) {
        this(retries, sleeper, clock, random);
        clients.withEgress(egress);
    }

    @Override
    public void useContext(ConnectorContext context) {
        clients.useContext(context);
    }

    @Override
    public ConnectorSpec<XeroConfig> spec() {
        return SPEC;
    }

    /** Parameters first, then {@code GET /Organisation}: the cheapest call, and every grant may make it. */
    @Override
    public CheckResult check(XeroConfig config) {
        return ConnectorCheck.run(config::problems, () -> {
            try (Call call = new Call(config, () -> false)) {
                organisation(call.api);
            }
        });
    }

    @Override
    public Catalog discover(XeroConfig config) {
        ConnectorCheck.requireUsable(config.problems());
        try (Call call = new Call(config, () -> false)) {
            return new Catalog(new XeroStreams(call.api, config.pageSize()).descriptors(organisation(call.api)));
        }
    }

    @Override
    public void read(XeroConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        ConnectorCheck.requireUsable(config.problems());
        if (!XeroStreams.READ.contains(stream)) {
            throw new ConnectorException(Category.CONFIG, "Xero has no stream " + stream + " to read");
        }
        try (Call call = new Call(config, sink::stopRequested)) {
            new XeroStreams(call.api, config.pageSize()).read(stream, checkpoint, sink);
        } catch (StopRequested stop) {
            // Asked to stop while waiting for the quota: what was emitted before stays covered.
        }
    }

    @Override
    public List<WriteResult> write(XeroConfig config, String object, List<WriteRecord> batch) {
        ConnectorCheck.requireUsable(config.problems());
        if (!AccountingObjects.WRITABLE.contains(object)) {
            throw new ConnectorException(Category.CONFIG, "Xero takes " + AccountingObjects.WRITABLE + ", not " + object);
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        try (Call call = new Call(config, () -> false)) {
            Currency base = baseCurrency(organisation(call.api));
            List<WriteResult> results = new ArrayList<>();
            // Xero takes at most 50 documents per request in practice (its guidance for batches); the sandbox 100.
            for (int from = 0; from < batch.size(); from += 50) {
                List<WriteRecord> part = batch.subList(from, Math.min(batch.size(), from + 50));
                results.addAll(switch (object) {
                    case AccountingObjects.JOURNAL_ENTRIES -> new XeroJournals(call.api, config, clients.clock(), base)
                            .write(part);
                    case AccountingObjects.SALES_RECEIPTS -> new XeroSales(call.api, config, base, false).write(part);
                    default -> new XeroSales(call.api, config, base, true).write(part);
                });
            }
            return results;
        }
    }

    /** The posted journals (first posting plus adjustments), for shadow mode; other objects: none. */
    @Override
    public Map<String, Map<String, Object>> current(XeroConfig config, String object, List<WriteRecord> records) {
        ConnectorCheck.requireUsable(config.problems());
        if (!AccountingObjects.JOURNAL_ENTRIES.equals(object) || records.isEmpty()) {
            return Map.of();
        }
        try (Call call = new Call(config, () -> false)) {
            return new XeroJournals(call.api, config, clients.clock(), baseCurrency(organisation(call.api)))
                    .current(records);
        }
    }

    /** Checks {@code x-xero-signature} under the webhook key; see {@link XeroWebhooks}. */
    @Override
    public WebhookDelivery receive(XeroConfig config, String signingSecret, WebhookRequest request) {
        return XeroWebhooks.receive(signingSecret, request);
    }

    private static JsonNode organisation(XeroApi api) {
        JsonNode organisation = api.get("Organisation", Map.of()).path("Organisations").path(0);
        if (!organisation.isObject()) {
            throw new ConnectorException(Category.SYSTEM, "Xero answered no organisation");
        }
        return organisation;
    }

    private static Currency baseCurrency(JsonNode organisation) {
        try {
            return Currency.getInstance(organisation.path("BaseCurrency").asText());
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Category.SYSTEM, "Xero answered no usable base currency");
        }
    }

    /** The clients and API of one verb; closed after it. */
    private final class Call implements AutoCloseable {
        final JsonHttpClient reads;
        final JsonHttpClient writes;
        final XeroApi api;

        Call(XeroConfig config, BooleanSupplier stopRequested) {
            CallGate gate = clients.context().gate("xero", config.tenantId());
            this.reads = clients.client(config.timeout(), config.maxRetries(), gate, stopRequested);
            // Writes are never repeated blindly: an unknown outcome is looked up first (XeroPosting).
            this.writes = clients.client(config.timeout(), 0, gate, stopRequested);
            this.api = new XeroApi(config.baseUrl(), config.tenantId(), reads, writes, auth(config), clients.sleeper(),
                    config.maxRetries());
        }

        private RequestAuth auth(XeroConfig config) {
            if (!config.usesOAuth()) {
                String header = "Bearer " + config.accessToken();
                return new RequestAuth() {
                    @Override
                    public Map<String, String> headers() {
                        return Map.of("Authorization", header);
                    }

                    @Override
                    public boolean renew() {
                        return false;
                    }
                };
            }
            OAuthTokens initial = new OAuthTokens(config.accessToken() == null || config.accessToken().isBlank() ? null
                    : config.accessToken(), config.oauthRefreshToken(), null);
            OAuth2TokenEndpoint endpoint = new OAuth2TokenEndpoint(config.tokenUrl(), config.oauthClientId(),
                    config.oauthClientSecret(), Duration.ofSeconds(10), config.timeout(), clients.clock(),
                    clients.context().egress());
            return new OAuth2RefreshAuth(clients.context().oauthTokens(initial), endpoint, clients.clock());
        }

        @Override
        public void close() {
            reads.close();
            writes.close();
        }
    }
}
