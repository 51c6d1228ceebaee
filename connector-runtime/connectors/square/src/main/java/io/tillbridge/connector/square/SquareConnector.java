package io.tillbridge.connector.square;

import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.OAuth2RefreshAuth;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
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
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.OAuthAuthorization;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetedReader;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookReceiver;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WebhookSubscriptions;
import io.tillbridge.connector.spi.WriteRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.rest.UriQuery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Square: reads orders, payments, refunds, the catalog, inventory, customers and locations, and the
 * canonical POS streams translated from the same reads; writes inventory adjustments.
 *
 * <p>Every request goes through the {@link JsonHttpClient} of the runtime's REST mechanics: the
 * context's egress policy, the {@code square} gate of the merchant's quota (a 429 closes it for every
 * run of the account), retries with exponential backoff and jitter that honour {@code Retry-After}
 * when Square sends one, and a bounded number of retries, after which the call fails TRANSIENT. A 401
 * refreshes the OAuth2 access token once when the connection uses OAuth2; otherwise it fails AUTH.
 * Square's error envelope is read into the messages ({@code category/code: detail}).
 *
 * <p>A merchant connects with Square's OAuth code flow ({@link OAuthAuthorization}): the authorize page
 * and the token endpoint are under the config's base URL, so the same code serves Square, its sandbox
 * and the shipped sandbox ({@code <base>/oauth2/authorize}, {@code <base>/oauth2/token},
 * developer.squareup.com/docs/oauth-api/overview).
 */
public final class SquareConnector implements SourceConnector<SquareConfig>, TargetConnector<SquareConfig>,
        ContextAware, OAuthAuthorization<SquareConfig>, WebhookReceiver<SquareConfig>, TargetedReader<SquareConfig>,
        WebhookSubscriptions<SquareConfig> {

    public static final ConnectorSpec<SquareConfig> SPEC = new ConnectorSpec<>("square", "Square", "1.0.0",
            Set.of(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET), SquareConfig.class,
            "Reads Square orders, payments, refunds, catalog, inventory, customers and locations, also as the"
                    + " canonical POS streams, and writes inventory adjustments.",
            Stream.concat(SquareStreams.ALL.stream(), Stream.of(SquareStreamDescriptors.INVENTORY_ADJUSTMENTS)).toList(),
            new ConnectorSpec.OAuth("https://connect.squareup.com/oauth2/authorize",
                    "https://connect.squareup.com/oauth2/token", List.of("ORDERS_READ", "ITEMS_READ", "INVENTORY_READ",
                    "INVENTORY_WRITE", "CUSTOMERS_READ", "PAYMENTS_READ", "MERCHANT_PROFILE_READ"), " "));

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Square publishes no rate limits, only the 429 (vendor-apis.md): up to about a minute of backoff. */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2));

    private final RetryPolicy retries;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Set<String> written = new HashSet<>();
    private ConnectorContext context;

    /** For {@link java.util.ServiceLoader}. */
    public SquareConnector() {
        this(RETRIES, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * With waiting, time and randomness injected (tests observe backoff instead of spending it); the
     * config's retry count still applies. The strict egress policy holds until a context says
     * otherwise.
     */
    public SquareConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.retries = retries;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.context = new InProcessConnectorContext(Double.POSITIVE_INFINITY, 1, Duration.ofMinutes(10), clock,
                sleeper::sleep);
    }

    /** As above, with the given egress policy (tests allow loopback for the sandbox this way). */
    public SquareConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random,
            EgressPolicy egress) {
        this(retries, sleeper, clock, random);
        ((InProcessConnectorContext) this.context).withEgress(egress);
    }

    @Override
    public void useContext(ConnectorContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public ConnectorSpec<SquareConfig> spec() {
        return SPEC;
    }

    /** Parameters first, then ListLocations: the cheapest call, and every token may make it. */
    @Override
    public CheckResult check(SquareConfig config) {
        try {
            List<String> problems = config.problems();
            if (!problems.isEmpty()) {
                return CheckResult.failed(CheckResult.Status.CONFIG, String.join("; ", problems));
            }
            try (Call call = call(config, () -> false)) {
                SquareLocations.load(call.api, config);
            }
            return CheckResult.ok();
        } catch (ConnectorException e) {
            return e.toCheckResult();
        } catch (RuntimeException e) {
            return CheckResult.failed(CheckResult.Status.SYSTEM, "unexpected error: " + e.getClass().getSimpleName());
        }
    }

    /** The fixed streams and the written object, after checking that Square takes the credentials. */
    @Override
    public Catalog discover(SquareConfig config) {
        requireUsable(config);
        try (Call call = call(config, () -> false)) {
            SquareLocations.load(call.api, config);
        }
        return new Catalog(SquareStreamDescriptors.all());
    }

    @Override
    public void read(SquareConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        requireUsable(config);
        if (!SquareStreams.ALL.contains(stream)) {
            throw new ConnectorException(Category.CONFIG, "Square has no stream " + stream);
        }
        try (Call call = call(config, sink::stopRequested)) {
            SquareLocations locations = SquareLocations.load(call.api, config);
            new SquareStreams(call.api, config, locations).reader(stream).read(checkpoint, sink);
        } catch (io.tillbridge.connector.rest.StopRequested stop) {
            // Asked to stop while the locations waited for the quota: nothing was emitted.
        }
    }

    @Override
    public List<WriteResult> write(SquareConfig config, String object, List<WriteRecord> batch) {
        requireUsable(config);
        if (!SquareStreamDescriptors.INVENTORY_ADJUSTMENTS.equals(object)) {
            throw new ConnectorException(Category.CONFIG, "Square takes only "
                    + SquareStreamDescriptors.INVENTORY_ADJUSTMENTS + ", not " + object);
        }
        try (Call call = call(config, () -> false)) {
            return new ArrayList<>(new InventoryAdjustments(call.api, clock, written).write(batch));
        }
    }

    @Override
    public List<String> scopes() {
        return SPEC.oauth().scopes();
    }

    /**
     * {@code <base>/oauth2/authorize?client_id&scope&session=false&state&redirect_uri}: Square joins
     * scopes with spaces, and {@code session=false} asks the seller to sign in rather than reuse a
     * browser session of another account (Square's OAuth walkthrough).
     */
    @Override
    public URI authorizationUrl(SquareConfig config, String clientId, URI redirectUri, String state) {
        URI url = config.baseUrl().resolve("/oauth2/authorize");
        url = UriQuery.with(url, "client_id", clientId);
        url = UriQuery.with(url, "scope", String.join(" ", scopes()));
        url = UriQuery.with(url, "session", "false");
        url = UriQuery.with(url, "state", state);
        return UriQuery.with(url, "redirect_uri", redirectUri.toString());
    }

    /** ObtainToken with the {@code authorization_code} grant: a JSON body with the client's id and secret. */
    @Override
    public OAuthTokens exchangeCode(SquareConfig config, String clientId, String clientSecret, String code,
            URI redirectUri) {
        Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
        try (JsonHttpClient client = new JsonHttpClient(CONNECT_TIMEOUT, timeout, retries.withMaxRetries(2), sleeper,
                clock, random, CallGate.OPEN, () -> false, context.egress(), SquareApi::describe)) {
            return SquareApi.codeExchange(config.baseUrl(), client, clientId, clientSecret, code, redirectUri);
        }
    }

    @Override
    public SquareConfig withGrant(SquareConfig config, String clientId, String clientSecret, OAuthTokens tokens) {
        return config.withOAuth(clientId, clientSecret, tokens.refreshToken()).withAccessToken(tokens.accessToken());
    }

    /** Square signs the notification URL and the raw body; see {@link SquareWebhooks}. */
    @Override
    public WebhookDelivery receive(SquareConfig config, String signingSecret, WebhookRequest request) {
        return SquareWebhooks.receive(signingSecret, request);
    }

    /** BatchRetrieveOrders takes at most 100 {@code order_ids}. */
    @Override
    public int maxKeysPerFetch() {
        return 100;
    }

    /**
     * {@code orders} and {@code pos.orders} by order id, through BatchRetrieveOrders; an order of a
     * location the connection does not read is skipped like an unknown one. Other streams cannot be
     * read by key (Square's payment and refund events carry their objects): CONFIG.
     */
    @Override
    public void fetch(SquareConfig config, String stream, List<String> keys, RecordSink sink) {
        requireUsable(config);
        if (!SquareStreams.ORDERS.equals(stream) && !PosStreams.ORDERS.equals(stream)) {
            throw new ConnectorException(Category.CONFIG, "Square cannot read " + stream + " by key");
        }
        if (keys.size() > maxKeysPerFetch()) {
            throw new ConnectorException(Category.CONFIG, "at most " + maxKeysPerFetch() + " keys per fetch");
        }
        if (keys.isEmpty()) {
            return;
        }
        try (Call call = call(config, sink::stopRequested)) {
            SquareLocations locations = SquareLocations.load(call.api, config);
            SquareStreams streams = new SquareStreams(call.api, config, locations);
            Function<JsonNode, List<SourceRecord>> records =
                    streams.records(stream, streams.vendorSource(SquareStreams.ORDERS));
            ObjectNode body = SquareApi.JSON.createObjectNode();
            ArrayNode ids = body.putArray("order_ids");
            keys.forEach(ids::add);
            Set<String> readable = new HashSet<>(locations.ids());
            List<JsonNode> orders = new ArrayList<>();
            for (JsonNode order : call.api.post("/v2/orders/batch-retrieve", body).path("orders")) {
                if (readable.contains(order.path("location_id").asText())) {
                    orders.add(order);
                }
            }
            if (PosStreams.ORDERS.equals(stream)) {
                // One catalog lookup for all the canonical orders' lines, not one per order.
                streams.lookUpCatalog(orders);
            }
            for (JsonNode order : orders) {
                for (SourceRecord record : records.apply(order)) {
                    sink.record(record);
                }
                if (sink.stopRequested()) {
                    return;
                }
            }
        } catch (io.tillbridge.connector.rest.StopRequested stop) {
            // Asked to stop while waiting for the quota: nothing more is emitted.
        }
    }

    /**
     * CreateWebhookSubscription for the order, payment and refund events; when a subscription to the
     * same URL exists (ListWebhookSubscriptions), its signature key is replaced instead
     * (UpdateWebhookSubscriptionSignatureKey), because Square shows a key only when it makes one.
     */
    @Override
    public Subscription subscribe(SquareConfig config, URI notificationUrl) {
        requireUsable(config);
        String url = notificationUrl.toString();
        try (Call call = call(config, () -> false)) {
            for (JsonNode existing : call.api.get("/v2/webhooks/subscriptions", Map.of()).path("subscriptions")) {
                if (url.equals(existing.path("notification_url").asText())) {
                    String id = existing.path("id").asText();
                    ObjectNode rotate = SquareApi.JSON.createObjectNode();
                    rotate.put("idempotency_key", UUID.randomUUID().toString());
                    JsonNode answer = call.api.post("/v2/webhooks/subscriptions/" + id + "/signature-key", rotate);
                    return new Subscription(id, required(answer.path("signature_key"), "signature_key"));
                }
            }
            ObjectNode body = SquareApi.JSON.createObjectNode();
            body.put("idempotency_key", UUID.randomUUID().toString());
            ObjectNode wanted = body.putObject("subscription");
            wanted.put("name", "Tillbridge");
            wanted.put("enabled", true);
            wanted.put("notification_url", url);
            wanted.put("api_version", SquareApi.VERSION);
            ArrayNode types = wanted.putArray("event_types");
            SquareWebhooks.EVENT_TYPES.forEach(types::add);
            JsonNode created = call.api.post("/v2/webhooks/subscriptions", body).path("subscription");
            return new Subscription(required(created.path("id"), "subscription.id"),
                    required(created.path("signature_key"), "subscription.signature_key"));
        }
    }

    /**
     * Not yet: Square removes a subscription with DELETE, which the connector runtime's REST client
     * does not send. The subscription stays until the merchant removes it in Square's dashboard;
     * deliveries to a removed route are answered 404 and Square stops after its retries.
     */
    @Override
    public void unsubscribe(SquareConfig config, String subscriptionId) {
        requireUsable(config);
        try (Call call = call(config, () -> false)) {
            // ListWebhookSubscriptions first: an id Square no longer has is not an error.
            for (JsonNode existing : call.api.get("/v2/webhooks/subscriptions", Map.of()).path("subscriptions")) {
                if (subscriptionId.equals(existing.path("id").asText())) {
                    call.api.delete("/v2/webhooks/subscriptions/" + subscriptionId);
                    return;
                }
            }
        }
    }

    private static String required(JsonNode value, String name) {
        String text = value.asText("");
        if (text.isEmpty()) {
            throw new ConnectorException(Category.SYSTEM, "Square answered no " + name);
        }
        return text;
    }

    private static void requireUsable(SquareConfig config) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, String.join("; ", problems));
        }
    }

    /** The client and API of one verb; closed after it. */
    private final class Call implements AutoCloseable {
        final JsonHttpClient client;
        final JsonHttpClient tokenClient;
        final SquareApi api;

        Call(SquareConfig config, BooleanSupplier stopRequested) {
            Duration timeout = Duration.ofSeconds(config.timeoutSeconds());
            RetryPolicy policy = retries.withMaxRetries(config.maxRetries());
            CallGate gate = context.gate("square", null);
            this.client = new JsonHttpClient(CONNECT_TIMEOUT, timeout, policy, sleeper, clock, random, gate,
                    stopRequested, context.egress(), SquareApi::describe);
            this.tokenClient = config.usesOAuth() ? new JsonHttpClient(CONNECT_TIMEOUT, timeout, policy.withMaxRetries(2),
                    sleeper, clock, random, CallGate.OPEN, () -> false, context.egress(), SquareApi::describe) : null;
            this.api = new SquareApi(config.baseUrl(), client, auth(config));
        }

        private RequestAuth auth(SquareConfig config) {
            if (!config.usesOAuth()) {
                return SquareApi.bearer(config.accessToken());
            }
            OAuthTokens initial = new OAuthTokens(config.accessToken() == null || config.accessToken().isBlank() ? null
                    : config.accessToken(), config.oauthRefreshToken(), null);
            return new OAuth2RefreshAuth(context.oauthTokens(initial), SquareApi.tokenExchange(config.baseUrl(),
                    tokenClient, config.oauthClientId(), config.oauthClientSecret()), clock);
        }

        @Override
        public void close() {
            client.close();
            if (tokenClient != null) {
                tokenClient.close();
            }
        }
    }

    private Call call(SquareConfig config, BooleanSupplier stopRequested) {
        return new Call(config, stopRequested);
    }
}
