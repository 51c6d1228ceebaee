package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tillbridge.connector.sandbox.LoopbackServer;
import io.tillbridge.connector.sandbox.SandboxResponse;
import io.tillbridge.connector.sandbox.UrlEncoded;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * A local server that behaves like Shopify's Admin API for what a Shopify connector reads and writes:
 * REST (shop, locations, orders and their transactions, products, customers, inventory levels, webhook
 * subscriptions) with {@code Link} paging and the leaky bucket, GraphQL (orders, products, inventory
 * items, locations, {@code inventorySetQuantities}) with the cost bucket, OAuth with signed redirects,
 * and signed webhooks. The data is seeded ({@link ShopifySandboxOptions#seed()}) and grows when
 * {@link #advance(Duration)} moves the sandbox's clock.
 *
 * <p>Shopify tells shops apart by host name ({@code {shop}.myshopify.com}); the sandbox, on one
 * loopback port, tells them apart by the first path segment, which is the shop's domain:
 * {@code http://127.0.0.1:<port>/tillbridge-demo.myshopify.com/admin/api/2025-07/orders.json}. A
 * connector whose base URL is {@link #shopUri(String)} sends the same paths as to Shopify.
 *
 * <pre>{@code
 * try (ShopifySandbox shopify = ShopifySandbox.start(ShopifySandboxOptions.defaults())) {
 *     String token = shopify.issueToken();
 *     // GET shopify.baseUri() + "/admin/api/2025-07/orders.json?status=any" with X-Shopify-Access-Token
 * }
 * }</pre>
 */
public final class ShopifySandbox implements AutoCloseable {

    private static final Pattern API_PATH = Pattern.compile("/admin/api/(\\d{4}-\\d{2}|unstable)/(.+)\\.json");
    private static final Pattern ID = Pattern.compile("\\d+");

    /** One shop with its generator and its two buckets (REST requests, GraphQL cost). */
    private record Shop(ShopData data, SalesGenerator sales, LeakyBucket rest, LeakyBucket graphql) {
    }

    /** A change made while the clock advanced, announced once the advance is done. */
    private record Change(ShopData shop, String topic, ObjectNode payload, Instant at) {
    }

    private final ShopifySandboxOptions options;
    private final Object lock = new Object();
    private final Map<String, Shop> shops = new LinkedHashMap<>();
    private final SandboxOAuth oauth;
    private final SandboxFaults faults = new SandboxFaults();
    private final WebhookDispatcher webhooks;
    private final RestApi rest;
    private final GraphqlApi graphql;
    private final LoopbackServer server;
    private Duration advanced = Duration.ZERO;
    /** REST requests answered past authentication, by method and resource ({@code POST inventory_levels/set}). */
    private final Map<String, Long> requests = new ConcurrentHashMap<>();

    private ShopifySandbox(ShopifySandboxOptions options) throws IOException {
        this.options = options;
        Instant now = now();
        IdSequence ids = new IdSequence(5_000_000_000L + Math.floorMod(options.seed(), 1_000_000L) * 1_000L);
        for (int i = 0; i < options.shops().size(); i++) {
            ShopProfile profile = options.shops().get(i);
            Random random = new Random(options.seed() * 31 + i);
            Faker faker = new Faker(Locale.forLanguageTag(profile.languageTag()), random);
            ShopData data = new ShopData(profile, ids.next(), ids, lock);
            CatalogSeed catalog = new CatalogSeed(data, random, faker);
            catalog.seed(now.minus(options.history()).minus(Duration.ofDays(30)), options.products(),
                    options.customers());
            SalesGenerator sales = new SalesGenerator(data, random, catalog);
            sales.seed(options.orders(), now.minus(options.history()), now);
            shops.put(profile.handle(), new Shop(data, sales,
                    new LeakyBucket(options.restBucket(), options.restLeakPerSecond(), now),
                    new LeakyBucket(options.graphqlBucket(), options.graphqlRestorePerSecond(), now)));
        }
        this.oauth = new SandboxOAuth(options, this::now);
        this.webhooks = new WebhookDispatcher(options, this::now);
        this.rest = new RestApi(webhooks, this::now);
        this.graphql = new GraphqlApi(shop -> shops.get(shop.profile().handle()).graphql(), this::now, options,
                webhooks);
        this.server = LoopbackServer.start("shopify-sandbox", options.port(), 4, this::serve);
    }

    /** Seeds every shop and starts listening on 127.0.0.1. */
    public static ShopifySandbox start(ShopifySandboxOptions options) {
        try {
            return new ShopifySandbox(options);
        } catch (IOException e) {
            throw new IllegalStateException("The Shopify sandbox could not listen: " + e.getMessage(), e);
        }
    }

    /** The first shop's stand-in for {@code https://{shop}.myshopify.com}. */
    public URI baseUri() {
        return shopUri(options.shops().get(0).handle());
    }

    /**
     * {@code http://127.0.0.1:<port>/<handle>.myshopify.com}: the shop's stand-in for
     * {@code https://<handle>.myshopify.com}.
     */
    public URI shopUri(String handle) {
        shop(handle);
        return URI.create("http://127.0.0.1:" + server.port() + "/" + handle + ".myshopify.com");
    }

    public ShopifySandboxOptions options() {
        return options;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** The first shop's data. */
    public ShopData shop() {
        return shops.values().iterator().next().data();
    }

    public ShopData shop(String handle) {
        Shop shop = shops.get(handle);
        if (shop == null) {
            throw new IllegalArgumentException("The sandbox serves no shop " + handle);
        }
        return shop.data();
    }

    /** The sandbox's time: the clock of the options plus every {@link #advance}. */
    public Instant now() {
        synchronized (lock) {
            return options.clock().instant().plus(advanced);
        }
    }

    /** An offline access token for the first shop with every scope: for tests that skip the OAuth flow. */
    public String issueToken() {
        return issueToken(options.shops().get(0).handle(), SandboxOAuth.ALL_SCOPES);
    }

    /** An offline access token for this shop with these scopes ({@code read_orders}, {@code write_inventory}). */
    public String issueToken(String handle, Set<String> scopes) {
        shop(handle);
        return oauth.issue(handle, scopes);
    }

    /**
     * Moves the sandbox's clock forward: new online and POS orders at every location (about
     * {@link ShopifySandboxOptions#ordersPerHour()} each), refunds, exchanges, price changes and
     * offline sales that arrive now. Their webhooks are sent in the order the changes happened.
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        List<Change> happened = new ArrayList<>();
        synchronized (lock) {
            Instant from = now();
            advanced = advanced.plus(by);
            Instant to = now();
            for (Shop shop : shops.values()) {
                shop.sales().advance(from, to, options.ordersPerHour(),
                        (data, topic, payload, at) -> happened.add(new Change(data, topic, payload, at)));
            }
        }
        happened.sort(Comparator.comparing(Change::at));
        happened.forEach(change -> webhooks.changed(change.shop(), change.topic(), change.payload(), change.at()));
    }

    /**
     * How many REST requests of this method and resource every shop was sent so far, counted once
     * they passed authentication and the call limit ({@code requests("POST", "inventory_levels/set")}):
     * what a client sent, for tests.
     */
    public long requests(String method, String resource) {
        return requests.getOrDefault(method + " " + resource, 0L);
    }

    /** Every webhook delivery attempt so far, in the order they were made. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Waits until every webhook sent so far (and its retries) is delivered or given up; false on timeout. */
    public boolean awaitWebhooks(Duration timeout) throws InterruptedException {
        return webhooks.awaitIdle(timeout);
    }

    @Override
    public void close() {
        server.close();
        webhooks.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxResponse response;
            String bucketHeader = null;
            try {
                String path = exchange.getRequestURI().getPath();
                int slash = path.indexOf('/', 1);
                String domain = slash < 0 ? path.substring(1) : path.substring(1, slash);
                Shop shop = domain.endsWith(".myshopify.com")
                        ? shops.get(domain.substring(0, domain.length() - ".myshopify.com".length())) : null;
                if (shop == null) {
                    throw ShopifyApiException.notFound();
                }
                String rest = slash < 0 ? "" : path.substring(slash);
                String method = exchange.getRequestMethod();
                Map<String, String> query = UrlEncoded.parseLast(exchange.getRequestURI().getRawQuery());
                JsonNode body = body(exchange);
                if (rest.equals("/admin/oauth/authorize") && "GET".equals(method)) {
                    response = oauth.authorize(new SandboxRequest(method, shop.data(), "oauth", query, body, null,
                            null));
                } else if (rest.equals("/admin/oauth/access_token") && "POST".equals(method)) {
                    response = oauth.accessToken(new SandboxRequest(method, shop.data(), "oauth", query, body, null,
                            null));
                } else {
                    Matcher api = API_PATH.matcher(rest);
                    if (!api.matches()) {
                        throw ShopifyApiException.notFound();
                    }
                    TokenGrant grant = oauth.grant(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"));
                    if (grant == null || !grant.shop().equals(shop.data().profile().handle())) {
                        throw new ShopifyApiException(401, ShopifyJson.errors(
                                "[API] Invalid API key or access token (unrecognized login or wrong password)"));
                    }
                    String resource = api.group(2);
                    String host = exchange.getRequestHeaders().getFirst("Host");
                    String linkBase = "http://" + (host == null ? "127.0.0.1:" + server.port() : host)
                            + path;
                    SandboxRequest request = new SandboxRequest(method, shop.data(), resource, query, body, linkBase,
                            grant);
                    boolean isGraphql = "graphql".equals(resource);
                    if (!isGraphql) {
                        Instant now = now();
                        if (!shop.rest().pour(1, now)) {
                            long seconds = Math.max(1,
                                    (long) Math.ceil(shop.rest().waitFor(1, now).toMillis() / 1000.0));
                            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
                            bucketHeader = callLimit(shop, now);
                            throw new ShopifyApiException(429, ShopifyJson.errors("Exceeded "
                                    + stripZero(options.restLeakPerSecond())
                                    + " calls per second for api client. Reduce request rates to resume uninterrupted"
                                    + " service."));
                        }
                        bucketHeader = callLimit(shop, now);
                    }
                    if (faults.isLocked(shop.data().profile().handle())) {
                        throw new ShopifyApiException(423, ShopifyJson.errors(
                                "This shop is unavailable: it is locked"));
                    }
                    faults.apply(failure -> new ShopifyApiException(failure, ShopifyJson.errors(failure == 503
                            ? "Service Unavailable" : "Internal Server Error")));
                    if (!isGraphql) {
                        requests.merge(method + " " + resource, 1L, Long::sum);
                    }
                    synchronized (lock) {
                        response = isGraphql ? graphql.execute(request) : route(request);
                    }
                }
            } catch (ShopifyApiException e) {
                response = SandboxResponse.of(e.status(), e.body());
            } catch (RuntimeException e) {
                response = SandboxResponse.of(500, ShopifyJson.errors("Internal Server Error: " + e));
            }
            if (bucketHeader != null) {
                exchange.getResponseHeaders().set("X-Shopify-Shop-Api-Call-Limit", bucketHeader);
            }
            write(exchange, response);
        }
    }

    private SandboxResponse route(SandboxRequest request) {
        String method = request.method();
        String[] parts = request.resource().split("/");
        String scope = switch (parts[0]) {
            case "orders" -> "read_orders";
            case "products" -> "read_products";
            case "variants" -> "GET".equals(method) ? "read_products" : "write_products";
            case "customers" -> "read_customers";
            case "locations" -> "read_locations";
            case "inventory_levels" -> "GET".equals(method) ? "read_inventory" : "write_inventory";
            default -> null;
        };
        if (scope != null && !request.grant().allows(scope)) {
            throw new ShopifyApiException(403, ShopifyJson.errors(
                    "[API] This action requires merchant approval for " + scope + " scope."));
        }
        String key = method + " " + (parts.length > 1 && ID.matcher(parts[1]).matches()
                ? parts[0] + "/{id}" + (parts.length > 2 ? "/" + parts[2] : "") : request.resource());
        long id = parts.length > 1 && ID.matcher(parts[1]).matches() ? Long.parseLong(parts[1]) : 0;
        return switch (key) {
            case "GET shop" -> rest.shop(request);
            case "GET locations" -> rest.locations(request);
            case "GET orders" -> rest.orders(request);
            case "GET orders/count" -> rest.ordersCount(request);
            case "GET orders/{id}" -> rest.order(request, id);
            case "GET orders/{id}/transactions" -> rest.transactions(request, id);
            case "GET products" -> rest.products(request);
            case "GET customers" -> rest.customers(request);
            case "GET variants/{id}" -> rest.variant(request, id);
            case "PUT variants/{id}" -> rest.updateVariant(request, id);
            case "GET inventory_levels" -> rest.inventoryLevels(request);
            case "POST inventory_levels/set" -> rest.setLevel(request);
            case "POST inventory_levels/adjust" -> rest.adjustLevel(request);
            case "GET webhooks" -> webhooks.list(request);
            case "POST webhooks" -> webhooks.subscribe(request);
            case "DELETE webhooks/{id}" -> webhooks.delete(request, id);
            default -> throw ShopifyApiException.notFound();
        };
    }

    private String callLimit(Shop shop, Instant now) {
        return (int) Math.ceil(shop.rest().level(now)) + "/" + options.restBucket();
    }

    private static String stripZero(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A JSON body, or a form ({@code application/x-www-form-urlencoded}) as an object of strings; 400 when neither. */
    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if (raw.length == 0) {
            return null;
        }
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode form = ShopifyJson.object();
            UrlEncoded.parseLast(new String(raw, StandardCharsets.UTF_8)).forEach(form::put);
            return form;
        }
        try {
            JsonNode body = ShopifyJson.MAPPER.readTree(raw);
            if (body == null || !body.isObject()) {
                throw ShopifyApiException.badRequest("The request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ShopifyApiException.badRequest("The request body is not valid JSON");
        }
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        response.send(exchange, "application/json; charset=utf-8", ShopifyJson::bytes);
    }
}
