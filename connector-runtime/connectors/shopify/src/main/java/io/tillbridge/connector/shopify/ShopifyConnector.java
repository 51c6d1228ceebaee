package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.RestClients;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.rest.StopRequested;
import io.tillbridge.connector.rest.UriQuery;
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
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.TargetedReader;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookReceiver;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WebhookSubscriptions;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Shopify (POS and online store): reads orders (with their refunds), transactions, products,
 * variants, inventory levels, customers and locations from the REST Admin API, and the canonical POS
 * streams translated from the same reads; sets inventory levels, named by inventory item or by the
 * variant's SKU; receives the app's signed webhooks,
 * fetches orders, products and customers by id for them, and registers the subscriptions; and lets a
 * merchant connect through Shopify's OAuth (offline access tokens, which do not expire).
 *
 * <p>Every request goes through the runtime's {@link JsonHttpClient}: the context's egress policy, the
 * {@code shopify} gate of the shop (a 429 closes it for every run on the shop), retries with backoff
 * that honour {@code Retry-After}; {@link ShopifyApi} adds Shopify's call-limit pacing and keeps going
 * through 429s. A 401 or 403 fails AUTH: Shopify's tokens are not refreshed.
 */
public final class ShopifyConnector implements SourceConnector<ShopifyConfig>, TargetConnector<ShopifyConfig>,
        ContextAware, WebhookReceiver<ShopifyConfig>, TargetedReader<ShopifyConfig>,
        WebhookSubscriptions<ShopifyConfig>, OAuthAuthorization<ShopifyConfig> {

    /** The scopes the connector asks for (Shopify's spelling, joined with commas). */
    static final List<String> SCOPES = List.of("read_orders", "read_products", "read_inventory", "write_inventory",
            "read_customers", "read_locations");

    /** The topics {@link #subscribe} registers. */
    static final List<String> TOPICS = List.of("orders/create", "orders/updated", "refunds/create",
            "products/update", "inventory_levels/update");

    public static final ConnectorSpec<ShopifyConfig> SPEC = new ConnectorSpec<>("shopify", "Shopify", "1.0.0",
            Set.of(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET, ConnectorSpec.Role.WEBHOOK),
            ShopifyConfig.class,
            "Reads Shopify POS and online orders with refunds and transactions, products, variants, inventory"
                    + " levels, customers and locations, also as the canonical POS streams; sets inventory levels,"
                    + " by inventory item or by SKU;"
                    + " receives Shopify's webhooks.",
            Stream.concat(ShopifyStreams.ALL.stream(), ShopifyStreamDescriptors.WRITABLE.stream()).toList(),
            new ConnectorSpec.OAuth("https://{shop}.myshopify.com/admin/oauth/authorize",
                    "https://{shop}.myshopify.com/admin/oauth/access_token", SCOPES, ","));

    /** Shopify's 429 says how long (Retry-After, about a second at the standard leak rate). */
    private static final RetryPolicy RETRIES =
            new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(2));

    private final RestClients clients;
    /** The shop's variants for writes by SKU: read once per connector (one run) and shop. */
    private ShopifyVariants variants;
    private ShopifyConfig variantsOf;

    /** For {@link java.util.ServiceLoader}. */
    public ShopifyConnector() {
        this(RETRIES, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With waiting, time and randomness injected (tests observe waits instead of spending them). */
    public ShopifyConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.clients = new RestClients(retries, sleeper, clock, random, ShopifyApi::describe);
    }

    /** As above, with the given egress policy (tests allow loopback for the sandbox this way). */
    public ShopifyConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random,
            EgressPolicy egress) {
        this(retries, sleeper, clock, random);
        clients.withEgress(egress);
    }

    @Override
    public void useContext(ConnectorContext context) {
        clients.useContext(context);
    }

    @Override
    public ConnectorSpec<ShopifyConfig> spec() {
        return SPEC;
    }

    /** Parameters first, then {@code GET shop.json}: the cheapest call, which every token may make. */
    @Override
    public CheckResult check(ShopifyConfig config) {
        return ConnectorCheck.run(config::problems, () -> {
            try (Call call = new Call(config, () -> false)) {
                call.streams.shop();
                call.streams.locations();
            }
        });
    }

    @Override
    public Catalog discover(ShopifyConfig config) {
        requireUsable(config);
        try (Call call = new Call(config, () -> false)) {
            call.streams.shop();
        }
        return new Catalog(ShopifyStreamDescriptors.all());
    }

    @Override
    public void read(ShopifyConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        requireUsable(config);
        if (!ShopifyStreams.ALL.contains(stream)) {
            throw new ConnectorException(Category.CONFIG, "Shopify has no stream " + stream);
        }
        try (Call call = new Call(config, sink::stopRequested)) {
            call.streams.reader(stream).read(checkpoint, sink);
        } catch (StopRequested stop) {
            // Asked to stop while a request waited for the shop's quota: what was emitted stays uncovered.
        }
    }

    @Override
    public void fetch(ShopifyConfig config, String stream, List<String> keys, RecordSink sink) {
        requireUsable(config);
        if (keys.size() > maxKeysPerFetch()) {
            throw new ConnectorException(Category.CONFIG, "at most " + maxKeysPerFetch() + " keys per fetch");
        }
        if (keys.isEmpty()) {
            return;
        }
        try (Call call = new Call(config, sink::stopRequested)) {
            for (SourceRecord record : call.streams.byIds(stream, List.copyOf(new LinkedHashSet<>(keys)))) {
                sink.record(record);
                if (sink.stopRequested()) {
                    return;
                }
            }
        } catch (StopRequested stop) {
            // Asked to stop while waiting for the quota.
        }
    }

    @Override
    public List<WriteResult> write(ShopifyConfig config, String object, List<WriteRecord> batch) {
        requireUsable(config);
        requireInventory(object);
        try (Call call = new Call(config, () -> false)) {
            return new ArrayList<>(inventory(call, config, object).write(batch));
        }
    }

    @Override
    public Map<String, Map<String, Object>> current(ShopifyConfig config, String object, List<WriteRecord> records) {
        requireUsable(config);
        requireInventory(object);
        try (Call call = new Call(config, () -> false)) {
            return inventory(call, config, object).current(records);
        }
    }

    /** The write of {@code object}, with the shop's variants read at the first SKU and kept for the next batches. */
    private ShopifyInventoryWrite inventory(Call call, ShopifyConfig config, String object) {
        return new ShopifyInventoryWrite(call.api, object, () -> {
            synchronized (this) {
                if (variants == null || !config.equals(variantsOf)) {
                    variants = ShopifyVariants.read(call.api, config.pageSize());
                    variantsOf = config;
                }
                return variants;
            }
        });
    }

    @Override
    public WebhookDelivery receive(ShopifyConfig config, String signingSecret, WebhookRequest request) {
        return new ShopifyWebhooks(config, new ShopifyStreams(null, config), clients.clock())
                .receive(signingSecret, request);
    }

    /**
     * Registers {@link #TOPICS} for {@code notificationUrl} ({@code POST webhooks.json}, JSON format),
     * keeping those already registered for it; the subscription id lists Shopify's ids, one per topic.
     * Shopify signs an app's webhooks with the app's secret, so the config must name it.
     */
    @Override
    public Subscription subscribe(ShopifyConfig config, URI notificationUrl) {
        requireUsable(config);
        String secret = config.oauthClientSecret();
        if (secret == null || secret.isBlank()) {
            throw new ConnectorException(Category.CONFIG, "webhooks need the app's secret: Shopify signs them with it");
        }
        String address = notificationUrl.toString();
        try (Call call = new Call(config, () -> false)) {
            JsonNode existing = call.api.get("webhooks", Map.of("limit", "250"));
            List<String> ids = new ArrayList<>();
            for (String topic : TOPICS) {
                String id = null;
                for (JsonNode w : existing.path("webhooks")) {
                    if (topic.equals(w.path("topic").asText()) && address.equals(w.path("address").asText())) {
                        id = w.path("id").asText();
                    }
                }
                if (id == null) {
                    id = register(call.api, topic, address);
                }
                ids.add(id);
            }
            return new Subscription(String.join(",", ids), secret);
        }
    }

    /**
     * {@code POST webhooks.json}. A retried POST whose first attempt Shopify did register answers 422
     * ("has already been taken"): the subscription is then looked up instead.
     */
    private static String register(ShopifyApi api, String topic, String address) {
        ObjectNode body = ShopifyApi.JSON.createObjectNode();
        ObjectNode webhook = body.putObject("webhook");
        webhook.put("topic", topic);
        webhook.put("address", address);
        webhook.put("format", "json");
        try {
            return api.post("webhooks", body).path("webhook").path("id").asText();
        } catch (ConnectorException e) {
            if (e.category() != Category.CONFIG) {
                throw e;
            }
            for (JsonNode w : api.get("webhooks", Map.of("limit", "250", "topic", topic)).path("webhooks")) {
                if (topic.equals(w.path("topic").asText()) && address.equals(w.path("address").asText())) {
                    return w.path("id").asText();
                }
            }
            throw e;
        }
    }

    @Override
    public void unsubscribe(ShopifyConfig config, String subscriptionId) {
        requireUsable(config);
        try (Call call = new Call(config, () -> false)) {
            for (String id : subscriptionId.split(",")) {
                if (!id.trim().matches("\\d{1,20}")) {
                    continue;
                }
                try {
                    call.api.delete("webhooks/" + id.trim());
                } catch (ConnectorException e) {
                    if (e.category() != Category.CONFIG || !e.getMessage().contains("HTTP 404")) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public List<String> scopes() {
        return SCOPES;
    }

    /** {@code <shop>/admin/oauth/authorize?client_id=&scope=a,b&redirect_uri=&state=} (offline access). */
    @Override
    public URI authorizationUrl(ShopifyConfig config, String clientId, URI redirectUri, String state) {
        URI uri = URI.create(config.shopUrl() + "/admin/oauth/authorize");
        uri = UriQuery.with(uri, "client_id", clientId);
        uri = UriQuery.with(uri, "scope", String.join(",", SCOPES));
        uri = UriQuery.with(uri, "redirect_uri", redirectUri.toString());
        return UriQuery.with(uri, "state", state);
    }

    /** {@code POST <shop>/admin/oauth/access_token} with the client and the code: an offline token, no refresh token. */
    @Override
    public OAuthTokens exchangeCode(ShopifyConfig config, String clientId, String clientSecret, String code,
            URI redirectUri) {
        if (!config.shopDomain().matches("[a-z0-9][a-z0-9-]*\\.myshopify\\.com")) {
            throw new ConnectorException(Category.CONFIG, "the shop must be its myshopify.com domain or handle");
        }
        ObjectNode body = ShopifyApi.JSON.createObjectNode();
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret);
        body.put("code", code);
        try (JsonHttpClient client = clients.tokenClient(Duration.ofSeconds(config.timeoutSeconds()))) {
            JsonNode answer = client.post(URI.create(config.shopUrl() + "/admin/oauth/access_token"), body, Map.of(),
                    RequestAuth.NONE, JsonHttpClient.Response::body);
            String token = answer.path("access_token").asText("");
            if (token.isEmpty()) {
                throw new ConnectorException(Category.AUTH, "Shopify answered the code without an access token");
            }
            return new OAuthTokens(token, null, null);
        } catch (ConnectorException e) {
            if (e.category() == Category.CONFIG && e.getMessage() != null && e.getMessage().contains("(HTTP 4")) {
                throw new ConnectorException(Category.AUTH, "Shopify refused the authorization code: " + e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public ShopifyConfig withGrant(ShopifyConfig config, String clientId, String clientSecret, OAuthTokens tokens) {
        return config.withAccessToken(tokens.accessToken()).withApp(clientId, clientSecret);
    }

    private static void requireInventory(String object) {
        if (!ShopifyStreamDescriptors.WRITABLE.contains(object)) {
            throw new ConnectorException(Category.CONFIG, "Shopify takes only "
                    + String.join(" and ", ShopifyStreamDescriptors.WRITABLE) + ", not " + object);
        }
    }

    private static void requireUsable(ShopifyConfig config) {
        ConnectorCheck.requireUsable(config.problems());
    }

    /** The client, API and streams of one verb; closed after it. */
    private final class Call implements AutoCloseable {
        final JsonHttpClient client;
        final ShopifyApi api;
        final ShopifyStreams streams;

        Call(ShopifyConfig config, BooleanSupplier stopRequested) {
            this.client = clients.client(Duration.ofSeconds(config.timeoutSeconds()), config.maxRetries(),
                    clients.context().gate("shopify", config.shopDomain()), stopRequested);
            this.api = new ShopifyApi(config, client, clients.sleeper());
            this.streams = new ShopifyStreams(api, config);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
