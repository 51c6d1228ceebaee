package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.tillbridge.connector.sandbox.LoopbackServer;
import io.tillbridge.connector.sandbox.SandboxResponse;
import io.tillbridge.connector.sandbox.UrlEncoded;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local server that behaves like Xero's Accounting API 2.0 for what the Xero connector reads and
 * writes: the organisation, accounts, tax rates, items and contacts; manual journals, invoices with
 * their payments and credit notes; OAuth 2.0, the tenant header, rate limits, idempotency keys,
 * {@code summarizeErrors}, Xero's error shapes and signed webhooks.
 *
 * <p>Paths are under {@code /api.xro/2.0/} and need {@code Authorization: Bearer} (401 without a
 * live token) and {@code xero-tenant-id} naming the connected tenant (403 otherwise). A write with an
 * {@code Idempotency-Key} (at most 128 characters) is answered once; a repeat of the same request
 * with the same key answers the same response and creates nothing. Writes take
 * {@code summarizeErrors}: false (the default in Xero's OpenAPI document) answers 200 with each
 * refused item carrying its {@code ValidationErrors}; true refuses the whole request with 400 and
 * the {@code ValidationException} body when any item is refused, committing nothing.
 */
public final class XeroSandbox implements AutoCloseable {

    static final String API = "/api.xro/2.0/";

    /** Xero's limit on the {@code Idempotency-Key} header (xero_accounting.yaml, parameter idempotencyKey). */
    static final int MAX_IDEMPOTENCY_KEY = 128;

    private record Replay(String fingerprint, SandboxResponse response) {
    }

    private final XeroSandboxOptions options;
    private final XeroLedger ledger;
    private final XeroSandboxOAuth oauth;
    private final XeroRateLimits limits;
    private final XeroFaults faults = new XeroFaults();
    private final XeroWebhookSender webhooks;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final LoopbackServer server;
    private final java.util.concurrent.atomic.AtomicInteger writeRequests = new java.util.concurrent.atomic.AtomicInteger();

    private XeroSandbox(XeroSandboxOptions options) throws IOException {
        this.options = options;
        this.ledger = new XeroLedger(options);
        this.oauth = new XeroSandboxOAuth(options);
        this.limits = new XeroRateLimits(options);
        this.webhooks = new XeroWebhookSender(options);
        this.server = LoopbackServer.start("xero-sandbox", 0, 8, this::serve);
    }

    /** Seeds the organisation and starts listening on 127.0.0.1. */
    public static XeroSandbox start(XeroSandboxOptions options) {
        try {
            return new XeroSandbox(options);
        } catch (IOException e) {
            throw new IllegalStateException("The Xero sandbox could not listen: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the stand-in for {@code https://api.xero.com} and Xero's identity server. */
    public URI baseUri() {
        return server.baseUri();
    }

    public XeroSandboxOptions options() {
        return options;
    }

    public XeroFaults faults() {
        return faults;
    }

    public String tenantId() {
        return options.tenantId();
    }

    /** An access token valid for 30 minutes, as Xero's are: for tests that skip the OAuth flow. */
    public String issueToken() {
        return oauth.issue(Duration.ofMinutes(30));
    }

    /** A refresh token of a grant, accepted once by the token endpoint. */
    public String issueRefreshToken() {
        return oauth.issueRefreshToken();
    }

    /** Every manual journal posted, in posting order. */
    public List<JsonNode> manualJournals() {
        synchronized (ledger) {
            return List.copyOf(ledger.manualJournals(null, null));
        }
    }

    public List<JsonNode> invoices() {
        synchronized (ledger) {
            return List.copyOf(ledger.invoices(null, List.of()));
        }
    }

    public List<JsonNode> creditNotes() {
        synchronized (ledger) {
            return List.copyOf(ledger.creditNotes(null));
        }
    }

    public List<JsonNode> payments() {
        synchronized (ledger) {
            return List.copyOf(ledger.payments());
        }
    }

    /** How many PUT and POST requests reached the Accounting API (after authentication and limits). */
    public int writeRequests() {
        return writeRequests.get();
    }

    /** Seeded and added contacts. */
    public int contactCount() {
        synchronized (ledger) {
            return ledger.contacts(null).size();
        }
    }

    public void addContacts(int count) {
        synchronized (ledger) {
            ledger.addContacts(count);
        }
    }

    /**
     * Subscribes {@code url} with this webhook key after Xero's intent-to-receive check; true when
     * the receiver passed it (401 to a wrong signature, 200 to a right one).
     */
    public boolean subscribeWebhooks(String url, String webhookKey) {
        return webhooks.subscribe(url, webhookKey);
    }

    /** Delivers one signed event to the subscribed URL and answers the receiver's status. */
    public int emitWebhook(String category, String type, String resourceId) {
        return webhooks.emit(category, type, resourceId);
    }

    /** Every webhook delivery attempt, intent-to-receive checks included. */
    public List<XeroWebhookSender.Attempt> webhookAttempts() {
        return webhooks.attempts();
    }

    /**
     * The organisation's owner approves an authorization request at once: answers the redirect
     * (with {@code code} and {@code state}) that the authorize page would send.
     *
     * @throws IllegalArgumentException when the URL is not this sandbox's authorize page or the
     *     sandbox refuses the request
     */
    public URI approve(URI authorizationUrl) {
        URI base = baseUri();
        if (authorizationUrl == null || !base.getHost().equals(authorizationUrl.getHost())
                || base.getPort() != authorizationUrl.getPort()
                || !"/identity/connect/authorize".equals(authorizationUrl.getPath())) {
            throw new IllegalArgumentException("not this sandbox's authorization page (" + base
                    + "/identity/connect/authorize)");
        }
        try {
            return URI.create(oauth.authorize(UrlEncoded.parseLast(authorizationUrl.getRawQuery())));
        } catch (XeroApiException e) {
            throw new IllegalArgumentException("the sandbox refuses the authorization request: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        webhooks.close();
    }

    // --- serving -------------------------------------------------------------------------------

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxResponse response;
            boolean cut = false;
            XeroRateLimits.Permit permit = null;
            try {
                String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
                String path = exchange.getRequestURI().getPath();
                Map<String, String> query = UrlEncoded.parseLast(exchange.getRequestURI().getRawQuery());
                byte[] raw;
                try (InputStream in = exchange.getRequestBody()) {
                    raw = in.readNBytes(4 * 1024 * 1024 + 1);
                }
                if (raw.length > 4 * 1024 * 1024) {
                    throw XeroApiException.badRequest("The request body is larger than the sandbox accepts (4 MB)");
                }
                if (!path.startsWith(API)) {
                    pause(faults.latency());
                    faults.apply(XeroApiException::serverError);
                    response = identity(exchange, method, path, query, raw);
                } else {
                    oauth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
                    String tenant = exchange.getRequestHeaders().getFirst("xero-tenant-id");
                    if (tenant == null || !tenant.equalsIgnoreCase(options.tenantId())) {
                        throw XeroApiException.gateway(403, "AuthorizationUnsuccessful");
                    }
                    permit = limits.acquire();
                    // Latency and scripted faults happen while the call is in flight: it counts as concurrent.
                    pause(faults.latency());
                    faults.apply(XeroApiException::serverError);
                    boolean write = "PUT".equals(method) || "POST".equals(method);
                    if (write) {
                        writeRequests.incrementAndGet();
                    }
                    XeroFaults.Scripted fault = write ? faults.nextWrite() : null;
                    if (fault != null && fault.fault() == XeroFaults.WriteFault.DROP) {
                        pause(fault.delay());
                        return; // closed unanswered, nothing committed
                    }
                    response = write ? idempotent(exchange, method, path.substring(API.length()), query, raw)
                            : read(exchange, path.substring(API.length()), query);
                    cut = fault != null && fault.fault() == XeroFaults.WriteFault.COMMIT_THEN_CUT;
                    if (fault != null && fault.fault() == XeroFaults.WriteFault.COMMIT_THEN_FAIL) {
                        throw XeroApiException.serverError(fault.status());
                    }
                    for (Map.Entry<String, String> h : limits.headers().entrySet()) {
                        response = response.withHeader(h.getKey(), h.getValue());
                    }
                }
            } catch (XeroApiException e) {
                response = new SandboxResponse(e.status(), e.body(), e.headers());
                if (e.status() != 429 && e.status() != 401 && e.status() != 403) {
                    for (Map.Entry<String, String> h : limits.headers().entrySet()) {
                        response = response.withHeader(h.getKey(), h.getValue());
                    }
                }
            } catch (RuntimeException e) {
                response = new SandboxResponse(500, XeroApiException.serverError(500).body(), Map.of());
            } finally {
                if (permit != null) {
                    limits.release();
                }
            }
            if (cut) {
                return; // committed, then the connection is closed without an answer
            }
            response.send(exchange, "application/json; charset=utf-8", XeroJson::bytes);
        }
    }

    private SandboxResponse identity(HttpExchange exchange, String method, String path, Map<String, String> query,
            byte[] raw) {
        if ("GET".equals(method) && "/identity/connect/authorize".equals(path)) {
            return SandboxResponse.redirect(oauth.authorize(query));
        }
        if ("POST".equals(method) && "/connect/token".equals(path)) {
            return SandboxResponse.ok(oauth.token(exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(raw, StandardCharsets.UTF_8)));
        }
        if ("GET".equals(method) && "/connections".equals(path)) {
            oauth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            ArrayNode list = XeroJson.MAPPER.createArrayNode();
            ObjectNode connection = list.addObject();
            connection.put("id", "c7a1f2e0-0000-4000-8000-000000000001");
            connection.put("authEventId", "c7a1f2e0-0000-4000-8000-000000000002");
            connection.put("tenantId", options.tenantId());
            connection.put("tenantType", "ORGANISATION");
            synchronized (ledger) {
                connection.put("tenantName", ledger.organisation().path("Name").asText());
            }
            connection.put("createdDateUtc", ledger.now().toString());
            connection.put("updatedDateUtc", ledger.now().toString());
            return SandboxResponse.ok(list);
        }
        throw XeroApiException.notFound(method + " " + path);
    }

    private SandboxResponse read(HttpExchange exchange, String resource, Map<String, String> query) {
        Instant modifiedSince = modifiedSince(exchange.getRequestHeaders().getFirst("If-Modified-Since"));
        synchronized (ledger) {
            List<String> parts = Arrays.asList(resource.split("/"));
            String name = parts.get(0);
            if (parts.size() == 2 && "ManualJournals".equals(name)) {
                return wrap("ManualJournals", List.of(ledger.manualJournal(parts.get(1))), null);
            }
            if (parts.size() != 1) {
                throw XeroApiException.notFound(resource);
            }
            return switch (name) {
                case "Organisation" -> wrap("Organisations", List.of(ledger.organisation()), null);
                case "Accounts" -> wrap("Accounts", ledger.accounts(), null);
                case "TaxRates" -> wrap("TaxRates", ledger.taxRates(), null);
                case "Items" -> wrap("Items", ledger.items(), null);
                case "Contacts" -> paged("Contacts", ledger.contacts(modifiedSince), query);
                case "ManualJournals" -> paged("ManualJournals", ledger.manualJournals(query.get("where"), modifiedSince),
                        query);
                case "Invoices" -> paged("Invoices", ledger.invoices(query.get("where"),
                        query.containsKey("InvoiceNumbers") ? List.of(query.get("InvoiceNumbers").split(",")) : List.of()),
                        query);
                case "CreditNotes" -> paged("CreditNotes", ledger.creditNotes(query.get("where")), query);
                default -> throw XeroApiException.notFound(resource);
            };
        }
    }

    /** Answers a repeated key with the first answer; refuses a key reused for a different request. */
    private SandboxResponse idempotent(HttpExchange exchange, String method, String resource, Map<String, String> query,
            byte[] raw) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw XeroApiException.badRequest("The Idempotency-Key header must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " characters");
        }
        String fingerprint = fingerprint(method + " " + resource + "?" + query, raw);
        synchronized (ledger) {
            if (key != null) {
                Replay replay = replays.get(key);
                if (replay != null) {
                    if (!replay.fingerprint().equals(fingerprint)) {
                        throw XeroApiException.badRequest("The Idempotency-Key was used for a different request");
                    }
                    return replay.response();
                }
            }
            SandboxResponse response;
            try {
                response = write(method, resource, query, raw);
            } catch (XeroApiException e) {
                response = new SandboxResponse(e.status(), e.body(), e.headers());
            }
            if (key != null) {
                replays.put(key, new Replay(fingerprint, response));
            }
            return response;
        }
    }

    private SandboxResponse write(String method, String resource, Map<String, String> query, byte[] raw) {
        JsonNode body;
        try {
            body = XeroJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            throw XeroApiException.badRequest("The request body is not valid JSON");
        }
        String list = switch (resource) {
            case "ManualJournals", "Invoices", "CreditNotes", "Payments" -> resource;
            default -> throw XeroApiException.notFound(method + " " + resource);
        };
        if (body == null || !body.isObject() || !body.path(list).isArray()) {
            throw XeroApiException.badRequest("The body must be an object with the array " + list);
        }
        if (body.path(list).size() > 100) {
            throw XeroApiException.badRequest("At most 100 " + list + " per request");
        }
        // PUT creates; POST creates or updates (xero_accounting.yaml). Only journals are updated by id here.
        boolean update = "POST".equals(method);
        boolean summarize = Boolean.parseBoolean(query.getOrDefault("summarizeErrors", "false"));
        Runnable restore = ledger.snapshot();
        List<ObjectNode> saved = switch (list) {
            case "ManualJournals" -> ledger.saveManualJournals(body.path(list), update);
            case "Invoices" -> ledger.saveDocuments(body.path(list), false);
            case "CreditNotes" -> ledger.saveDocuments(body.path(list), true);
            default -> ledger.savePayments(body.path(list));
        };
        List<JsonNode> refused = new ArrayList<>();
        for (ObjectNode item : saved) {
            if (item.has("ValidationErrors") && !item.path("ValidationErrors").isEmpty()) {
                // The Error schema's Element holds the messages (and ids of the document kinds it names).
                ObjectNode element = XeroJson.object();
                element.set("ValidationErrors", item.path("ValidationErrors").deepCopy());
                refused.add(element);
            }
        }
        if (summarize && !refused.isEmpty()) {
            restore.run();
            throw XeroApiException.validation(refused);
        }
        return wrap(list, saved, null);
    }

    private static SandboxResponse paged(String name, List<ObjectNode> all, Map<String, String> query) {
        if (!query.containsKey("page")) {
            return wrap(name, all, null);
        }
        int page;
        int size;
        try {
            page = Math.max(1, Integer.parseInt(query.get("page")));
            size = Integer.parseInt(query.getOrDefault("pageSize", Integer.toString(XeroLedger.DEFAULT_PAGE_SIZE)));
        } catch (NumberFormatException e) {
            throw XeroApiException.badRequest("page and pageSize must be whole numbers");
        }
        if (size < 1 || size > XeroLedger.MAX_PAGE_SIZE) {
            throw XeroApiException.badRequest("pageSize must be 1 to " + XeroLedger.MAX_PAGE_SIZE);
        }
        int from = (int) Math.min((long) (page - 1) * size, all.size());
        ObjectNode pagination = XeroJson.object();
        pagination.put("page", page);
        pagination.put("pageSize", size);
        pagination.put("pageCount", (all.size() + size - 1) / size);
        pagination.put("itemCount", all.size());
        return wrap(name, all.subList(from, Math.min(all.size(), from + size)), pagination);
    }

    private static SandboxResponse wrap(String name, List<? extends JsonNode> items, ObjectNode pagination) {
        ObjectNode body = XeroJson.object();
        if (pagination != null) {
            body.set("pagination", pagination);
        }
        ArrayNode array = body.putArray(name);
        items.forEach(array::add);
        return SandboxResponse.ok(body);
    }

    /** {@code If-Modified-Since} as Xero takes it: {@code yyyy-MM-ddTHH:mm:ss} (UTC) or an HTTP date. */
    private static Instant modifiedSince(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(header.trim().replace("Z", "")).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notIso) {
            try {
                return java.time.ZonedDateTime.parse(header.trim(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw XeroApiException.badRequest("If-Modified-Since is not a date: " + header);
            }
        }
    }

    private static String fingerprint(String request, byte[] raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getBytes(StandardCharsets.UTF_8));
            digest.update(raw);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration delay) {
        if (delay == null || delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
