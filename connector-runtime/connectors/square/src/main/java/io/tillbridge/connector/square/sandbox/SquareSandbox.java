package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.datafaker.Faker;
import net.datafaker.service.FakeValuesService;
import net.datafaker.service.FakerContext;
import net.datafaker.service.RandomService;

/**
 * A local server that behaves like Square's API for what the Square connector reads and writes:
 * locations, orders, payments, refunds, the catalog, inventory and customers, OAuth, webhooks, rate
 * limits and Square's error envelope. Its data is seeded ({@link SquareSandboxOptions#seed()}) and
 * grows when {@link #advance(Duration)} moves its clock, which also delivers webhooks.
 *
 * <pre>{@code
 * try (SquareSandbox square = SquareSandbox.start(SquareSandboxOptions.defaults())) {
 *     String token = square.issueToken();
 *     // GET square.baseUri().resolve("/v2/locations") with "Authorization: Bearer " + token
 * }
 * }</pre>
 *
 * <p>Requests are served on 127.0.0.1 by a small thread pool; each is answered while it holds the
 * data's lock, so a response is a consistent snapshot.
 */
public final class SquareSandbox implements AutoCloseable {

    private record Route(String scope, Endpoint endpoint) {
    }

    @FunctionalInterface
    private interface Endpoint {
        SandboxResponse handle(SandboxRequest request);
    }

    /**
     * Datafaker's word lists, loaded once per JVM and shared by every sandbox: a new
     * {@code FakeValuesService} reads its locale's YAML files again, which costs seconds. Each
     * sandbox keeps its own seeded {@link RandomService}, so a seed still gives the same data.
     */
    private static final FakeValuesService FAKE_VALUES = new FakeValuesService();

    private final SquareSandboxOptions options;
    private final SandboxData data;
    private final SalesGenerator sales;
    private final SandboxOAuth oauth;
    private final RequestBudget budget;
    private final SandboxFaults faults = new SandboxFaults();
    private final WebhookDispatcher webhooks;
    private final Map<String, Route> routes;
    private final HttpServer server;
    private final ExecutorService threads;
    /** Requests answered past authentication and the rate limit, by method and path ({@code POST /v2/orders/search}). */
    private final Map<String, Long> requests = new java.util.concurrent.ConcurrentHashMap<>();

    private SquareSandbox(SquareSandboxOptions options) throws IOException {
        this.options = options;
        Random random = new Random(options.seed());
        SquareIds ids = new SquareIds(random);
        Faker faker = new Faker(FAKE_VALUES,
                new FakerContext(Locale.forLanguageTag(options.merchant().languageCode()), new RandomService(random)));
        this.data = new SandboxData(options.merchant(), ids.merchant(), options.clock());
        Instant now = data.now();
        CatalogSeed catalog = new CatalogSeed(data, random, faker, ids);
        catalog.seed(now.minus(options.history()).minus(Duration.ofDays(30)), options.customers());
        this.sales = new SalesGenerator(data, random, ids, catalog);
        sales.orders(options.orders(), now.minus(options.history()), now);
        sales.unsynced(now);
        data.ordersChanged();
        sales.flush(now, (type, at, dataType, id, object) -> { });
        this.oauth = new SandboxOAuth(options, data);
        this.budget = new RequestBudget(options, data);
        this.webhooks = new WebhookDispatcher(data, options);
        PageCursors cursors = new PageCursors();
        OrdersApi orders = new OrdersApi(data, cursors, options);
        PaymentsApi payments = new PaymentsApi(data, cursors, options);
        IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
        CatalogApi catalogApi = new CatalogApi(data, cursors, options, idempotencyKeys);
        InventoryApi inventory = new InventoryApi(data, cursors, idempotencyKeys, webhooks,
                new SquareIds(new Random(options.seed() + 1)));
        MerchantApi merchant = new MerchantApi(data, cursors);
        this.routes = Map.ofEntries(
                Map.entry("GET /oauth2/authorize", new Route(null, oauth::authorize)),
                Map.entry("POST /oauth2/token", new Route(null, oauth::token)),
                Map.entry("GET /v2/locations", new Route("MERCHANT_PROFILE_READ", merchant::locations)),
                Map.entry("GET /v2/customers", new Route("CUSTOMERS_READ", merchant::customers)),
                Map.entry("POST /v2/orders/search", new Route("ORDERS_READ", orders::search)),
                Map.entry("POST /v2/orders/batch-retrieve", new Route("ORDERS_READ", orders::batchRetrieve)),
                Map.entry("GET /v2/payments", new Route("PAYMENTS_READ", payments::payments)),
                Map.entry("GET /v2/refunds", new Route("PAYMENTS_READ", payments::refunds)),
                Map.entry("GET /v2/catalog/list", new Route("ITEMS_READ", catalogApi::list)),
                Map.entry("POST /v2/catalog/search", new Route("ITEMS_READ", catalogApi::search)),
                Map.entry("POST /v2/catalog/batch-retrieve", new Route("ITEMS_READ", catalogApi::batchRetrieve)),
                Map.entry("POST /v2/catalog/object", new Route("ITEMS_WRITE", catalogApi::upsert)),
                Map.entry("POST /v2/inventory/counts/batch-retrieve", new Route("INVENTORY_READ", inventory::counts)),
                Map.entry("POST /v2/inventory/changes/batch-create", new Route("INVENTORY_WRITE", inventory::change)),
                Map.entry("POST /v2/webhooks/subscriptions", new Route("", webhooks::subscribe)),
                Map.entry("GET /v2/webhooks/subscriptions", new Route("", webhooks::list)));
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "square-sandbox");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Seeds the data and starts listening on 127.0.0.1. */
    public static SquareSandbox start(SquareSandboxOptions options) {
        try {
            return new SquareSandbox(options);
        } catch (IOException e) {
            throw new IllegalStateException("The Square sandbox could not listen: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the sandbox's stand-in for {@code https://connect.squareup.com}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public SandboxData data() {
        return data;
    }

    public SandboxFaults faults() {
        return faults;
    }

    public SquareSandboxOptions options() {
        return options;
    }

    /** An access token with every scope, valid for 30 days: for tests that skip the OAuth flow. */
    public String issueToken() {
        return issueToken(Duration.ofDays(30), SandboxOAuth.ALL_SCOPES);
    }

    /** An access token with these scopes (e.g. {@code ORDERS_READ}) that expires after {@code validFor}. */
    public String issueToken(Duration validFor, Set<String> scopes) {
        return oauth.issue(validFor, scopes, null).accessToken();
    }

    /**
     * The seller approves an authorization request at once, without a browser: answers the
     * redirect (with {@code code} and {@code state}) that {@code GET /oauth2/authorize} would send.
     *
     * @throws IllegalArgumentException when {@code authorizationUrl} is not this sandbox's
     *     authorization page, or names an unknown client or no redirect
     */
    public URI approve(URI authorizationUrl) {
        URI base = baseUri();
        if (authorizationUrl == null || !"http".equalsIgnoreCase(authorizationUrl.getScheme())
                || !base.getHost().equals(authorizationUrl.getHost()) || base.getPort() != authorizationUrl.getPort()
                || !"/oauth2/authorize".equals(authorizationUrl.getPath())) {
            throw new IllegalArgumentException("not this sandbox's authorization page (" + base + "/oauth2/authorize)");
        }
        SandboxRequest request = new SandboxRequest("GET", "/oauth2/authorize",
                SandboxRequest.parseQuery(authorizationUrl.getRawQuery()), null, null);
        SandboxResponse response;
        try {
            synchronized (data) {
                response = oauth.authorize(request);
            }
        } catch (SquareApiException e) {
            throw new IllegalArgumentException("the sandbox refuses the authorization request: " + e.getMessage(), e);
        }
        return URI.create(response.headers().get("Location"));
    }

    /**
     * Moves the sandbox's clock forward: new sales at every location (about
     * {@link SquareSandboxOptions#ordersPerHour()} each), open tabs paid, refunds, and offline orders
     * that reach the API now. The changes' webhooks are delivered in the order they happened.
     */
    public void advance(Duration by) {
        synchronized (data) {
            Instant from = data.now();
            data.advanceClock(by);
            Instant to = data.now();
            sales.activity(from, to, options.ordersPerHour());
            data.ordersChanged();
            sales.flush(to, webhooks);
        }
    }

    /** {@code count} more orders over the {@code over} before now (with their payments and refunds). */
    public void seedOrders(int count, Duration over) {
        synchronized (data) {
            Instant now = data.now();
            sales.orders(count, now.minus(over), now);
            data.ordersChanged();
            sales.flush(now, webhooks);
        }
    }

    /**
     * {@code count} more orders over the {@code over} before now, each a copy of a seeded completed
     * or voided order under a new id with its times moved along: hundreds of thousands of orders in
     * seconds, for load tests. Copies have no payments, refunds or webhooks of their own.
     */
    public void seedCopies(int count, Duration over) {
        synchronized (data) {
            Instant now = data.now();
            sales.copies(count, now.minus(over), now);
            data.ordersChanged();
        }
    }

    /** Every webhook delivery attempt so far. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Waits until every webhook delivery and retry is done; false if {@code timeout} passed first. */
    public boolean awaitWebhooks(Duration timeout) throws InterruptedException {
        return webhooks.awaitIdle(timeout);
    }

    /**
     * How many requests of this method and path the sandbox was sent so far, counted once they passed
     * authentication and the request budget ({@code requests("POST", "/v2/catalog/batch-retrieve")}):
     * what a client sent, for tests.
     */
    public long requests(String method, String path) {
        return requests.getOrDefault(method + " " + path, 0L);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        webhooks.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxResponse response;
            try {
                response = answer(exchange);
            } catch (SquareApiException e) {
                response = new SandboxResponse(e.status(), e.body(), e.status() == 429 && options.retryAfter() != null
                        ? Map.of("Retry-After", Long.toString(options.retryAfter().toSeconds())) : Map.of());
            } catch (RuntimeException e) {
                response = new SandboxResponse(500, new SquareApiException(500, "API_ERROR", "INTERNAL_SERVER_ERROR",
                        "The sandbox failed: " + e, null).body(), Map.of());
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = response.body() == null ? new byte[0] : SquareJson.bytes(response.body());
            if (response.body() != null) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private SandboxResponse answer(HttpExchange exchange) throws IOException {
        SandboxFaults.Fault fault = faults.take();
        if (fault != null) {
            pause(fault.delay());
            if (fault.status() != 0) {
                throw new SquareApiException(fault.status(), "API_ERROR", SandboxFaults.code(fault.status()),
                        "A scripted sandbox fault", null);
            }
        }
        pause(faults.latency());
        if (faults.rateLimited()) {
            throw new SquareApiException(429, "RATE_LIMIT_ERROR", "RATE_LIMITED",
                    "Too many requests; retry with exponential backoff", null);
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(method + " " + path);
        if (route == null && "POST".equals(method) && path.startsWith(WebhookDispatcher.SUBSCRIPTIONS_PATH)
                && path.endsWith(WebhookDispatcher.SIGNATURE_KEY_SUFFIX)) {
            route = new Route("", webhooks::rotateSignatureKey);
        }
        if (route == null && "DELETE".equals(method) && path.startsWith(WebhookDispatcher.SUBSCRIPTIONS_PATH)
                && path.length() > WebhookDispatcher.SUBSCRIPTIONS_PATH.length()
                && path.indexOf('/', WebhookDispatcher.SUBSCRIPTIONS_PATH.length()) < 0) {
            route = new Route("", webhooks::delete);
        }
        if (route == null) {
            throw SquareApiException.notFound("No sandbox endpoint " + method + " " + path);
        }
        String merchantId = null;
        if (route.scope() != null) {
            SandboxOAuth.Token token = oauth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            budget.spend(token.accessToken());
            if (!route.scope().isEmpty() && !token.scopes().contains(route.scope())) {
                throw new SquareApiException(403, "AUTHENTICATION_ERROR", "INSUFFICIENT_SCOPES",
                        "The access token lacks the scope " + route.scope(), null);
            }
            merchantId = token.merchantId();
            requests.merge(method + " " + path, 1L, Long::sum);
        }
        JsonNode body = null;
        if ("POST".equals(method)) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            try {
                body = raw.length == 0 ? SquareJson.object() : SquareJson.MAPPER.readTree(raw);
            } catch (IOException e) {
                throw SquareApiException.badRequest("EXPECTED_JSON_BODY", "The body is not valid JSON", null);
            }
            if (!body.isObject()) {
                throw SquareApiException.badRequest("EXPECTED_JSON_BODY", "The body must be a JSON object", null);
            }
        }
        SandboxRequest request = new SandboxRequest(method, path,
                SandboxRequest.parseQuery(exchange.getRequestURI().getRawQuery()), body, merchantId);
        synchronized (data) {
            return route.endpoint().handle(request);
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
