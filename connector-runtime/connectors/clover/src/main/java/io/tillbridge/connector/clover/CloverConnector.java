package io.tillbridge.connector.clover;

import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.OAuth2RefreshAuth;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.RestClients;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.rest.StopRequested;
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
import io.tillbridge.connector.spi.TargetedReader;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookReceiver;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Clover: reads orders (with their line items, modifications, discounts, taxes, payments and
 * refunds), payments, refunds, inventory items and devices of one merchant, and the canonical POS
 * streams translated from the same reads; writes item stock ({@code item_stocks}, see
 * {@link ItemStocks}); receives Clover's webhooks and reads the objects they name by id; connects
 * through Clover's OAuth v2.
 *
 * <p>Clover's API has no endpoint to register a webhook
 * subscription (the app's URL is set in Clover's developer dashboard), so the connector has no
 * {@link io.tillbridge.connector.spi.WebhookSubscriptions} role: the merchant's app URL is entered
 * there, and the verification code Clover POSTs to it is handed back by {@link #receive}.
 *
 * <p>Every request goes through the {@link JsonHttpClient} of the runtime's REST mechanics: the
 * context's egress policy, the {@code clover} gate of the merchant's quota (Clover allows 16 requests
 * a second per token; a 429 closes the gate for every run of the merchant), retries with exponential
 * backoff and jitter (Clover's 429 carries no documented {@code Retry-After}, one is honoured when
 * sent), after which the call fails TRANSIENT so the run engine retries the run later. A 401 renews
 * the OAuth access token once when the connection has a refresh token (Clover's v2 tokens expire and
 * their refresh tokens rotate); otherwise it fails AUTH. Reads are described in
 * {@link CloverWindowReader}, the canonical mapping in {@link CloverOrderTranslation} (DD-027).
 */
public final class CloverConnector implements SourceConnector<CloverConfig>, TargetConnector<CloverConfig>,
        WebhookReceiver<CloverConfig>, TargetedReader<CloverConfig>, OAuthAuthorization<CloverConfig>, ContextAware {

    public static final String ID = "clover";

    public static final ConnectorSpec<CloverConfig> SPEC = new ConnectorSpec<>(ID, "Clover", "1.0.0",
            Set.of(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET, ConnectorSpec.Role.WEBHOOK),
            CloverConfig.class, "Reads Clover orders, payments, refunds, inventory items and devices, also as the"
                    + " canonical POS streams, receives Clover's webhooks, and writes item stock.",
            Stream.concat(CloverStreams.ALL.stream(), Stream.of(ItemStocks.OBJECT)).toList(),
            new ConnectorSpec.OAuth("https://www.clover.com/oauth/v2/authorize",
                    "https://api.clover.com/oauth/v2/token", List.of(), " "));

    /** Clover: 16 requests a second per token, and a 429 past it (vendor-apis.md); short backoff, many tries. */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofMinutes(2));

    private final RestClients clients;

    /** For {@link java.util.ServiceLoader}. */
    public CloverConnector() {
        this(RETRIES, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * With waiting, time and randomness injected (tests observe backoff instead of spending it); the
     * config's retry count still applies. The strict egress policy holds until a context says
     * otherwise.
     */
    public CloverConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.clients = new RestClients(retries, sleeper, clock, random, CloverApi::describe);
    }

    /** As above, with the given egress policy (tests allow loopback for the sandbox this way). */
    public CloverConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random,
            EgressPolicy egress) {
        this(retries, sleeper, clock, random);
        clients.withEgress(egress);
    }

    @Override
    public void useContext(ConnectorContext context) {
        clients.useContext(context);
    }

    @Override
    public ConnectorSpec<CloverConfig> spec() {
        return SPEC;
    }

    /** Parameters first, then the merchant record: the cheapest call, and every token may make it. */
    @Override
    public CheckResult check(CloverConfig config) {
        return ConnectorCheck.run(config::problems, () -> {
            try (Call call = new Call(config, () -> false)) {
                MerchantProfile.load(call.api, config);
            }
        });
    }

    /** The fixed streams and the written object, after checking that Clover takes the credentials. */
    @Override
    public Catalog discover(CloverConfig config) {
        requireUsable(config);
        try (Call call = new Call(config, () -> false)) {
            MerchantProfile.load(call.api, config);
        }
        return new Catalog(CloverStreamDescriptors.all());
    }

    @Override
    public void read(CloverConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        requireUsable(config);
        if (!CloverStreams.ALL.contains(stream)) {
            throw new ConnectorException(Category.CONFIG, "Clover has no stream " + stream);
        }
        try (Call call = new Call(config, sink::stopRequested)) {
            MerchantProfile merchant = MerchantProfile.load(call.api, config);
            new CloverStreams(call.api, config, merchant, clients.clock().instant()).reader(stream)
                    .read(checkpoint, sink);
        } catch (StopRequested stop) {
            // Asked to stop while the merchant record waited for the quota: nothing was emitted.
        }
    }

    @Override
    public List<WriteResult> write(CloverConfig config, String object, List<WriteRecord> batch) {
        requireObject(config, object);
        try (Call call = new Call(config, () -> false)) {
            return new ItemStocks(call.api).write(batch);
        }
    }

    @Override
    public Map<String, Map<String, Object>> current(CloverConfig config, String object, List<WriteRecord> records) {
        requireObject(config, object);
        try (Call call = new Call(config, () -> false)) {
            return new ItemStocks(call.api).current(records);
        }
    }

    private static void requireObject(CloverConfig config, String object) {
        requireUsable(config);
        if (!ItemStocks.OBJECT.equals(object)) {
            throw new ConnectorException(Category.CONFIG, "Clover takes only " + ItemStocks.OBJECT + ", not " + object);
        }
    }

    /** Orders, payments and items (vendor and canonical), one request per id; see {@link CloverStreams#fetch}. */
    @Override
    public void fetch(CloverConfig config, String stream, List<String> keys, RecordSink sink) {
        requireUsable(config);
        if (keys.size() > maxKeysPerFetch()) {
            throw new ConnectorException(Category.CONFIG, "at most " + maxKeysPerFetch() + " keys per fetch");
        }
        try (Call call = new Call(config, sink::stopRequested)) {
            MerchantProfile merchant = MerchantProfile.load(call.api, config);
            new CloverStreams(call.api, config, merchant, clients.clock().instant()).fetch(stream, keys, sink);
        } catch (StopRequested stop) {
            // Asked to stop while waiting for the quota.
        }
    }

    /**
     * Checks {@code X-Clover-Auth} against the app's auth code (the signing secret) in constant time;
     * a verification POST without it answers its code as the handshake. No I/O; see
     * {@link CloverWebhooks}.
     */
    @Override
    public WebhookDelivery receive(CloverConfig config, String signingSecret, WebhookRequest request) {
        return CloverWebhooks.receive(config, signingSecret, request);
    }

    /** Clover's permissions are set in the app's settings, not asked for in the authorize URL. */
    @Override
    public List<String> scopes() {
        return List.of();
    }

    /**
     * Clover's authorize page is on the web host of the API's region ({@code api.clover.com} has
     * {@code www.clover.com}, {@code api.eu.clover.com} {@code www.eu.clover.com},
     * {@code apisandbox.dev.clover.com} {@code sandbox.dev.clover.com}); any other base URL (the
     * sandbox) serves both.
     */
    @Override
    public URI authorizationUrl(CloverConfig config, String clientId, URI redirectUri, String state) {
        String base = authorizeBase(config.baseUrl());
        return URI.create(base + "/oauth/v2/authorize?client_id=" + encode(clientId) + "&redirect_uri="
                + encode(redirectUri.toString()) + "&state=" + encode(state) + "&response_type=code");
    }

    @Override
    public OAuthTokens exchangeCode(CloverConfig config, String clientId, String clientSecret, String code,
            URI redirectUri) {
        try (JsonHttpClient client = clients.tokenClient(Duration.ofSeconds(config.timeoutSeconds()))) {
            return CloverApi.exchangeCode(config.baseUrl(), client, clientId, clientSecret, code);
        } catch (ConnectorException e) {
            if (e.category() == Category.CONFIG) {
                throw new ConnectorException(Category.AUTH, "Clover refused the authorization code: "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public CloverConfig withGrant(CloverConfig config, String clientId, String clientSecret, OAuthTokens tokens) {
        return config.withAccessToken(tokens.accessToken()).withOAuth(clientId, clientSecret, tokens.refreshToken());
    }

    static String authorizeBase(URI api) {
        String host = api.getHost() == null ? "" : api.getHost();
        if (host.equals("apisandbox.dev.clover.com")) {
            return "https://sandbox.dev.clover.com";
        }
        if (host.startsWith("api.") && host.endsWith("clover.com")) {
            return "https://www." + host.substring("api.".length());
        }
        String text = api.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void requireUsable(CloverConfig config) {
        ConnectorCheck.requireUsable(config.problems());
    }

    /** The clients and API of one verb; closed after it. */
    private final class Call implements AutoCloseable {
        final JsonHttpClient client;
        final JsonHttpClient tokenClient;
        final CloverApi api;

        Call(CloverConfig config, BooleanSupplier stopRequested) {
            Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
            this.client = clients.client(timeout, config.maxRetries(), clients.context().gate(ID, config.merchantId()),
                    stopRequested);
            this.tokenClient = config.usesOAuth() ? clients.tokenClient(timeout) : null;
            this.api = new CloverApi(config.baseUrl(), config.merchantId(), client, auth(config));
        }

        private RequestAuth auth(CloverConfig config) {
            if (!config.usesOAuth()) {
                return CloverApi.bearer(config.accessToken());
            }
            OAuthTokens initial = new OAuthTokens(config.accessToken() == null || config.accessToken().isBlank()
                    ? null : config.accessToken(), config.oauthRefreshToken(), null);
            return new OAuth2RefreshAuth(clients.context().oauthTokens(initial), CloverApi.refresh(config.baseUrl(),
                    tokenClient, config.oauthClientId()), clients.clock());
        }

        @Override
        public void close() {
            client.close();
            if (tokenClient != null) {
                tokenClient.close();
            }
        }
    }
}
