package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tillbridge.connector.sandbox.LoopbackServer;
import io.tillbridge.connector.sandbox.SandboxResponse;
import io.tillbridge.connector.sandbox.ScriptedFaults;
import io.tillbridge.connector.sandbox.UrlEncoded;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * A local server that behaves like Clover's REST API v3 for what a Clover connector reads and
 * writes: merchants, orders, line items, payments, refunds, the inventory, item stocks, devices and
 * customers; OAuth 2 with rotating refresh tokens; offset paging, filters, expansions and the 90-day
 * default window; rate limits; and webhooks with Clover's verification handshake. Its data is seeded
 * ({@link CloverSandboxOptions#seed()}) and grows when {@link #advance(Duration)} moves its clock,
 * which also sends webhook messages.
 *
 * <pre>{@code
 * try (CloverSandbox clover = CloverSandbox.start(CloverSandboxOptions.defaults())) {
 *     String mId = clover.merchantIds().get(0);
 *     String token = clover.issueToken(mId);
 *     // GET clover.baseUri().resolve("/v3/merchants/" + mId + "/orders") with "Authorization: Bearer " + token
 * }
 * }</pre>
 *
 * <p>Errors answer {@code {"message": "..."}}: Clover's error body is not documented in a source we
 * could verify, so this shape is a model of it (401 answers {@code {"message": "401 Unauthorized"}}).
 * Requests are served on 127.0.0.1 by a small thread pool; each is answered while it holds the data's
 * lock, so a response is a consistent snapshot.
 */
public final class CloverSandbox implements AutoCloseable {

    private static final String MERCHANTS = "/v3/merchants/";

    private final CloverSandboxOptions options;
    private final SandboxData data;
    private final Map<String, SalesGenerator> sales = new LinkedHashMap<>();
    private final CloverOAuth oauth;
    private final RateLimits limits;
    private final ScriptedFaults faults = new ScriptedFaults();
    private final WebhookDispatcher webhooks;
    private final RestApi api;
    private final LoopbackServer server;
    /** Requests past authentication and the rate limits, by method and merchant path ({@code GET /items}). */
    private final Map<String, Long> requests = new java.util.concurrent.ConcurrentHashMap<>();
    private Instant grownUntil;

    private CloverSandbox(CloverSandboxOptions options) throws IOException {
        this.options = options;
        this.data = new SandboxData(options.clock());
        Instant now = data.now();
        Instant historyStart = now.minus(options.history());
        for (int i = 0; i < options.merchants().size(); i++) {
            CloverMerchant profile = options.merchants().get(i);
            Random random = new Random(options.seed() * 31 + i);
            CloverIds ids = new CloverIds(random);
            Faker faker = new Faker(Locale.forLanguageTag(profile.languageTag()), random);
            MerchantData merchant = CatalogSeed.merchant(profile, ids, faker, historyStart.minus(Duration.ofDays(30)));
            data.add(merchant);
            CatalogSeed catalog = new CatalogSeed(merchant, random, faker, ids);
            catalog.seed(merchant.createdTime, options.customers());
            SalesGenerator generator = new SalesGenerator(merchant, random, ids, catalog);
            generator.sales(options.orders(), historyStart, now);
            generator.specials(now);
            merchant.drainChanges();
            sales.put(merchant.id, generator);
        }
        this.grownUntil = now;
        this.oauth = new CloverOAuth(options, data);
        this.limits = new RateLimits(options);
        this.webhooks = new WebhookDispatcher(options);
        this.api = new RestApi(data, options, m -> webhooks.deliver(Map.of(m.id, m.drainChanges())));
        this.server = LoopbackServer.start("clover-sandbox", options.port(), 16, this::serve);
        if (options.webhookUrl() != null) {
            webhooks.register(options.webhookUrl());
        }
    }

    /** Seeds the data and starts listening on 127.0.0.1. */
    public static CloverSandbox start(CloverSandboxOptions options) {
        try {
            return new CloverSandbox(options);
        } catch (IOException e) {
            throw new IllegalStateException("The Clover sandbox could not listen: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the stand-in for {@code https://apisandbox.dev.clover.com}. */
    public URI baseUri() {
        return server.baseUri();
    }

    public SandboxData data() {
        return data;
    }

    public ScriptedFaults faults() {
        return faults;
    }

    public CloverSandboxOptions options() {
        return options;
    }

    /** The merchants' ids ({@code mId}), one per {@link CloverSandboxOptions#merchants()} entry. */
    public List<String> merchantIds() {
        return data.merchantIds();
    }

    /** An access token for the first merchant, valid for 30 days: for tests that skip the OAuth flow. */
    public String issueToken() {
        return issueToken(merchantIds().get(0));
    }

    /** An access token for this merchant, valid for 30 days. */
    public String issueToken(String merchantId) {
        return issueToken(merchantId, Duration.ofDays(30));
    }

    public String issueToken(String merchantId, Duration validFor) {
        if (data.merchant(merchantId) == null) {
            throw new IllegalArgumentException("no merchant " + merchantId);
        }
        return oauth.issue(merchantId, validFor);
    }

    /**
     * Moves the sandbox's clock forward: new sales at every merchant (about
     * {@link CloverSandboxOptions#ordersPerHour()} each), open orders paid, refunds, exchanges and
     * offline orders that reach the API now. Then one webhook message reports every change.
     */
    public void advance(Duration by) {
        synchronized (data) {
            Instant from = data.now();
            data.advanceClock(by);
            Instant to = data.now();
            Map<String, List<MerchantData.Change>> changes = new LinkedHashMap<>();
            for (MerchantData merchant : data.merchants()) {
                sales.get(merchant.id).activity(from, to, options.ordersPerHour());
                changes.put(merchant.id, merchant.drainChanges());
            }
            grownUntil = to;
            webhooks.deliver(changes);
        }
    }

    /**
     * The sales and what follows them for the time the sandbox's clock has run by itself since the
     * start, the last {@code grow} or the last {@link #advance}: with a running clock (the system's),
     * calling it now and then makes the data grow as time passes. Does nothing with a fixed clock.
     */
    public void grow() {
        synchronized (data) {
            Instant to = data.now();
            if (!to.isAfter(grownUntil)) {
                return;
            }
            Map<String, List<MerchantData.Change>> changes = new LinkedHashMap<>();
            for (MerchantData merchant : data.merchants()) {
                sales.get(merchant.id).activity(grownUntil, to, options.ordersPerHour());
                changes.put(merchant.id, merchant.drainChanges());
            }
            grownUntil = to;
            webhooks.deliver(changes);
        }
    }

    /**
     * Sets the app's one webhook URL (loopback only) and POSTs {@code {"verificationCode"}} to it.
     * Messages follow only after {@link #confirmWebhook(String)}.
     */
    public void registerWebhook(String url) {
        webhooks.register(url);
    }

    /** What a developer does in Clover's dashboard: pastes the verification code. True when it matches. */
    public boolean confirmWebhook(String verificationCode) {
        return webhooks.confirm(verificationCode);
    }

    /** The static code every verified webhook message carries in {@code X-Clover-Auth}. */
    public String webhookAuthCode() {
        return options.webhookAuthCode();
    }

    /** Every webhook POST so far (verification and messages), and the messages dropped on purpose. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Waits until every webhook POST is done; false if {@code timeout} passed first. */
    public boolean awaitWebhooks(Duration timeout) throws InterruptedException {
        return webhooks.awaitIdle(timeout);
    }

    /**
     * How many requests of this method and merchant path every merchant was sent so far, counted once
     * they passed authentication and the rate limits ({@code requests("GET", "/items")}): what a client
     * sent, for tests.
     */
    public long requests(String method, String path) {
        return requests.getOrDefault(method + " " + path, 0L);
    }

    @Override
    public void close() {
        server.close();
        webhooks.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxResponse response;
            try {
                response = answer(exchange);
            } catch (CloverApiException e) {
                response = new SandboxResponse(e.status(), e.body(), e.status() == 429 && options.retryAfter() != null
                        ? Map.of("Retry-After", Long.toString(options.retryAfter().toSeconds())) : Map.of());
            } catch (RuntimeException e) {
                response = new SandboxResponse(500, new CloverApiException(500, "The sandbox failed: " + e).body(),
                        Map.of());
            }
            response.send(exchange, "application/json", CloverJson::bytes);
        }
    }

    private SandboxResponse answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> query = UrlEncoded.parse(exchange.getRequestURI().getRawQuery());
        JsonNode body = "POST".equals(method) ? body(exchange) : null;
        if (path.startsWith(MERCHANTS)) {
            String rest = path.substring(MERCHANTS.length());
            int slash = rest.indexOf('/');
            String merchantId = slash < 0 ? rest : rest.substring(0, slash);
            String token = oauth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"), merchantId);
            try (RateLimits.Permit permit = limits.acquire(token)) {
                requests.merge(method + " " + (slash < 0 ? "" : rest.substring(slash)), 1L, Long::sum);
                fault();
                synchronized (data) {
                    MerchantData merchant = data.merchant(merchantId);
                    return api.handle(new SandboxRequest(method, slash < 0 ? "" : rest.substring(slash), query, body,
                            merchant, baseUri().toString()));
                }
            }
        }
        fault();
        Map<String, String> single = new LinkedHashMap<>();
        query.forEach((name, values) -> single.put(name, values.get(0)));
        return switch (method + " " + path) {
            case "GET /oauth/v2/authorize" -> oauth.authorize(single);
            case "POST /oauth/v2/token" -> oauth.token(body);
            case "POST /oauth/v2/refresh" -> oauth.refresh(body);
            case "GET /sandbox/webhooks" -> SandboxResponse.ok(webhooks.state());
            case "POST /sandbox/webhooks" -> {
                webhooks.register(body.path("url").asText());
                yield SandboxResponse.ok(webhooks.state());
            }
            case "POST /sandbox/webhooks/verify" -> {
                if (!webhooks.confirm(body.path("verificationCode").asText())) {
                    throw CloverApiException.badRequest("The verification code does not match");
                }
                yield SandboxResponse.ok(webhooks.state());
            }
            default -> throw CloverApiException.notFound("No sandbox endpoint " + method + " " + path);
        };
    }

    private void fault() {
        faults.apply(status -> new CloverApiException(status, status + " A scripted sandbox fault"));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if (raw.length == 0) {
            return CloverJson.object();
        }
        try {
            JsonNode body = CloverJson.MAPPER.readTree(raw);
            if (body instanceof ObjectNode) {
                return body;
            }
        } catch (IOException e) {
            // answered below
        }
        throw CloverApiException.badRequest("The body must be a JSON object");
    }
}
