package io.tillbridge.connector.quickbooks.sandbox;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server that behaves like the QuickBooks Online Accounting API v3 for what an accounting
 * connector reads and posts (vendor-apis.md, QuickBooks Online and section 6):
 * <ul>
 *   <li>{@code /v3/company/{realmId}/...} with {@code ?minorversion=N} (none: the default; a
 *       discontinued one, below 75, a 400 fault), bearer auth (else 401, fault code 120), the
 *       {@code intuit_tid} header on every answer;</li>
 *   <li>{@code GET query?query=SELECT * FROM <Entity> ...} ({@link QueryStatement}), answered
 *       {@code {"QueryResponse":{"<Entity>":[...],"startPosition":n,"maxResults":m},"time":...}}
 *       (the entity array left out when nothing matched, as Intuit does);</li>
 *   <li>{@code GET <entity>/<id>}, {@code GET companyinfo/<realmId>};</li>
 *   <li>{@code POST journalentry | salesreceipt | refundreceipt}: create, or update with {@code Id}
 *       and the current {@code SyncToken} ({@link Transactions}); {@code ?requestid=} (at most 50
 *       characters) makes a repeat answer the same response as the first successful write, and
 *       creates nothing;</li>
 *   <li>throttles per realm ({@link RealmLimits}), OAuth 2 ({@link SandboxOAuth}), signed webhooks
 *       ({@link WebhookSender}) and scripted faults ({@link WriteFaults}).</li>
 * </ul>
 * Errors answer Intuit's fault envelope ({@link QuickBooksFault}). Money is a JSON decimal. One
 * company (realm) per sandbox; requests are served on 127.0.0.1, each while it holds the company's
 * lock, so an answer is a consistent snapshot.
 */
public final class QuickBooksSandbox implements AutoCloseable {

    /** The entities the sandbox holds. */
    static final List<String> ENTITIES = List.of("Account", "TaxCode", "TaxRate", "TaxAgency", "Item", "Customer",
            "CompanyInfo", "JournalEntry", "SalesReceipt", "RefundReceipt");

    /** The entities it creates and updates. */
    static final List<String> WRITABLE = List.of("JournalEntry", "SalesReceipt", "RefundReceipt");

    private static final String COMPANY = "/v3/company/";
    private static final int REQUEST_ID_MAX = 50;
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final QuickBooksSandboxOptions options;
    private final Company company;
    private final Transactions transactions;
    private final SandboxOAuth oauth;
    private final RealmLimits limits;
    private final WriteFaults faults = new WriteFaults();
    private final WebhookSender webhooks;
    private final Map<String, SandboxResponse> replies = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final LoopbackServer server;

    /** The connection is cut on purpose (a scripted fault). */
    private static final class Cut extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private QuickBooksSandbox(QuickBooksSandboxOptions options) throws IOException {
        this.options = options;
        this.company = new Company(Long.toString(9_130_000_000_000_000L + Math.floorMod(options.seed(), 1_000_000_000L)));
        new CompanySeed(company, options.clock().instant(), options.seed()).seed(options);
        this.transactions = new Transactions(company);
        this.oauth = new SandboxOAuth(options, company.realmId);
        this.limits = new RealmLimits(options);
        this.webhooks = new WebhookSender(options.webhookVerifierToken());
        this.server = LoopbackServer.start("quickbooks-sandbox", options.port(), 24, this::serve);
    }

    /** Seeds the company and starts listening on 127.0.0.1. */
    public static QuickBooksSandbox start(QuickBooksSandboxOptions options) {
        try {
            return new QuickBooksSandbox(options);
        } catch (IOException e) {
            throw new IllegalStateException("The QuickBooks sandbox could not listen: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the stand-in for {@code https://sandbox-quickbooks.api.intuit.com}. */
    public URI baseUri() {
        return server.baseUri();
    }

    public String realmId() {
        return company.realmId;
    }

    public QuickBooksSandboxOptions options() {
        return options;
    }

    public WriteFaults faults() {
        return faults;
    }

    /** An access token for the company, valid for a day: for tests that skip the OAuth flow. */
    public String issueToken() {
        return oauth.issue(Duration.ofDays(1));
    }

    /** An access token valid for {@code validFor}. */
    public String issueToken(Duration validFor) {
        return oauth.issue(validFor);
    }

    /** A refresh token of a grant to the company, as the code flow would have stored it. */
    public String issueRefreshToken() {
        return oauth.issueRefreshToken();
    }

    /** Copies of every stored entity of this name, in creation order. */
    public List<JsonNode> entities(String entity) {
        synchronized (company) {
            List<JsonNode> copies = new ArrayList<>();
            company.all(entity).forEach(e -> copies.add(e.deepCopy()));
            return copies;
        }
    }

    /**
     * Deletes a stored entity as a user would in QuickBooks' own screens (outside the API); later
     * queries no longer find it. False when there is none with this id.
     */
    public boolean deleteEntity(String entity, String id) {
        synchronized (company) {
            return company.remove(entity, id);
        }
    }

    /**
     * Edits a stored entity as a user would in QuickBooks' own screens: {@code change} gets a copy
     * and answers the new fields; the id and creation time stay, the SyncToken counts up. False when
     * there is none with this id.
     */
    public boolean editEntity(String entity, String id, java.util.function.UnaryOperator<ObjectNode> change) {
        synchronized (company) {
            ObjectNode current = company.get(entity, id);
            if (current == null) {
                return false;
            }
            company.replace(entity, current, change.apply(current.deepCopy()), options.clock().instant());
            return true;
        }
    }

    /** Every {@code /v3} request so far, as {@code METHOD path?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Webhooks go to this loopback URL from now on. */
    public void registerWebhook(String url) {
        webhooks.register(url);
    }

    /** Every webhook attempt so far. */
    public List<SentWebhook> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Waits until every webhook attempt is done; false if {@code timeout} passed first. */
    public boolean awaitWebhooks(Duration timeout) throws InterruptedException {
        return webhooks.awaitIdle(timeout);
    }

    /**
     * What the merchant's browser does on Intuit's consent page: calls this sandbox's authorize URL
     * and answers where it redirects ({@code redirect_uri?code&state&realmId}).
     *
     * @throws IllegalArgumentException for another URL or a refused request
     */
    public URI approve(URI authorizationUrl) {
        URI base = baseUri();
        if (authorizationUrl == null || !"http".equals(authorizationUrl.getScheme())
                || !base.getHost().equals(authorizationUrl.getHost()) || base.getPort() != authorizationUrl.getPort()
                || !SandboxOAuth.AUTHORIZE_PATH.equals(authorizationUrl.getPath())) {
            throw new IllegalArgumentException("not this sandbox's authorization page: " + authorizationUrl);
        }
        SandboxResponse response = oauth.authorize(UrlEncoded.parseLast(authorizationUrl.getRawQuery()));
        String location = response.headers().get("Location");
        if (response.status() != 302 || location == null) {
            throw new IllegalArgumentException("the sandbox refused the authorization request: " + response.body());
        }
        return URI.create(location);
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
            } catch (Cut cut) {
                // Headers promising a body that never comes, then the connection closes: the caller
                // cannot tell whether the write was saved.
                exchange.sendResponseHeaders(200, 4096);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                throw new IOException("cut on purpose");
            } catch (QuickBooksFault f) {
                response = SandboxResponse.of(f.status(), f.body(options.clock().instant()));
            } catch (RuntimeException e) {
                response = SandboxResponse.of(500, QuickBooksFault.server(500).body(options.clock().instant()));
            }
            response.withHeader("intuit_tid", "1-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                    .send(exchange, "application/json;charset=UTF-8", QuickBooksJson::bytes);
        } catch (IOException cut) {
            if (!"cut on purpose".equals(cut.getMessage())) {
                throw cut;
            }
        }
    }

    private SandboxResponse answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = UrlEncoded.parseLast(rawQuery);
        byte[] raw = "POST".equals(method) ? body(exchange) : new byte[0];
        if (path.startsWith(COMPANY)) {
            requests.add(method + " " + path + (rawQuery == null ? "" : "?" + rawQuery));
            String rest = path.substring(COMPANY.length());
            int slash = rest.indexOf('/');
            String realm = slash < 0 ? rest : rest.substring(0, slash);
            if (!realm.equals(company.realmId) || !oauth.valid(exchange.getRequestHeaders().getFirst("Authorization"),
                    realm)) {
                throw QuickBooksFault.unauthorized();
            }
            minorVersion(query.get("minorversion"));
            try (RealmLimits.Permit permit = limits.acquire(realm)) {
                pause(faults.latency());
                if (faults.takeThrottle()) {
                    throw QuickBooksFault.throttled("a scripted throttle");
                }
                faults.apply(QuickBooksFault::server);
                return api(method, slash < 0 ? "" : rest.substring(slash + 1), query, raw);
            }
        }
        return switch (method + " " + path) {
            case "GET " + SandboxOAuth.AUTHORIZE_PATH -> oauth.authorize(query);
            case "POST " + SandboxOAuth.TOKEN_PATH -> oauth.token(exchange.getRequestHeaders().getFirst("Authorization"),
                    UrlEncoded.parseLast(new String(raw, StandardCharsets.UTF_8)));
            default -> throw QuickBooksFault.validation("404", "Not Found", "No sandbox endpoint " + method + " " + path, "");
        };
    }

    private SandboxResponse api(String method, String rest, Map<String, String> query, byte[] raw) throws IOException {
        String[] parts = rest.split("/");
        Instant now = options.clock().instant();
        if (method.equals("GET") && parts.length == 1 && parts[0].equals("query")) {
            return query(QueryStatement.parse(query.get("query")), now);
        }
        if (method.equals("GET") && parts.length == 2) {
            String entity = Company.canonical(parts[0]);
            synchronized (company) {
                ObjectNode found = entity == null ? null : company.get(entity, parts[1]);
                if (found == null) {
                    throw QuickBooksFault.notFound(parts[0], parts[1]);
                }
                return SandboxResponse.ok(envelope(entity, found, now));
            }
        }
        if (method.equals("POST") && parts.length == 1) {
            String entity = Company.canonical(parts[0]);
            if (entity == null || !WRITABLE.contains(entity)) {
                throw QuickBooksFault.validation("404", "Unsupported Operation", "The sandbox does not write "
                        + parts[0], "");
            }
            return write(entity, query.get("requestid"), raw, now);
        }
        throw QuickBooksFault.validation("404", "Unsupported Operation", "No endpoint " + method + " " + rest, "");
    }

    private SandboxResponse write(String entity, String requestId, byte[] raw, Instant now) throws IOException {
        if (requestId != null && (requestId.isEmpty() || requestId.length() > REQUEST_ID_MAX)) {
            throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                    "requestid must be 1 to " + REQUEST_ID_MAX + " characters", "requestid");
        }
        WriteFaults.WriteFault fault = faults.takeWrite();
        if (fault != null && fault.kind() == WriteFaults.Kind.STALL_THEN_CUT) {
            pause(fault.delay());
            throw new Cut();
        }
        if (fault != null && fault.kind() == WriteFaults.Kind.THROTTLE) {
            throw QuickBooksFault.throttled("a scripted throttle of a write");
        }
        SandboxResponse response;
        synchronized (company) {
            SandboxResponse replay = requestId == null ? null : replies.get(requestId);
            if (replay != null) {
                response = replay;
            } else {
                JsonNode body;
                try {
                    body = QuickBooksJson.parse(raw);
                } catch (IOException e) {
                    throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                            "the body is not JSON", "");
                }
                boolean update = body != null && body.hasNonNull("Id");
                if (update && fault != null && fault.kind() == WriteFaults.Kind.CONCURRENT_EDIT) {
                    ObjectNode other = company.get(entity, body.path("Id").asText());
                    if (other != null) {
                        company.replace(entity, other, other.deepCopy(), now);
                    }
                }
                ObjectNode saved = transactions.save(entity, body, now);
                response = SandboxResponse.ok(envelope(entity, saved, now));
                if (requestId != null) {
                    replies.put(requestId, response);
                }
                webhooks.changed(company.realmId, entity, saved.path("Id").asText(), update ? "Update" : "Create", now);
            }
        }
        if (fault != null && fault.kind() == WriteFaults.Kind.COMMIT_THEN_CUT) {
            throw new Cut();
        }
        if (fault != null && fault.kind() == WriteFaults.Kind.COMMIT_THEN_STALL) {
            pause(fault.delay());
        }
        return response;
    }

    private SandboxResponse query(QueryStatement statement, Instant now) {
        String entity = Company.canonical(statement.entity());
        if (entity == null) {
            throw QuickBooksFault.validation("4000", "Error parsing query", "QueryParserError: unknown entity "
                    + statement.entity(), "");
        }
        synchronized (company) {
            List<ObjectNode> matching = company.all(entity).stream().filter(statement::matches).toList();
            ObjectNode root = QuickBooksJson.object();
            ObjectNode answer = root.putObject("QueryResponse");
            int from = statement.start() - 1;
            int to = Math.min(matching.size(), from + statement.max());
            if (from < to) {
                ArrayNode list = answer.putArray(entity);
                matching.subList(from, to).forEach(e -> list.add(e.deepCopy()));
                answer.put("startPosition", statement.start());
                answer.put("maxResults", to - from);
            }
            root.put("time", QuickBooksJson.time(now));
            return SandboxResponse.ok(root);
        }
    }

    private static ObjectNode envelope(String entity, ObjectNode found, Instant now) {
        ObjectNode root = QuickBooksJson.object();
        root.set(entity, found.deepCopy());
        root.put("time", QuickBooksJson.time(now));
        return root;
    }

    private static void minorVersion(String value) {
        if (value == null) {
            return;
        }
        int version;
        try {
            version = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < QuickBooksSandboxOptions.LOWEST_MINOR_VERSION) {
            throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                    "minorversion " + value + " is not supported: minor versions 1 to 74 were discontinued; use "
                            + QuickBooksSandboxOptions.DEFAULT_MINOR_VERSION + " or later", "minorversion");
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

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                        "the body is larger than " + MAX_BODY + " bytes", "");
            }
            return raw;
        }
    }
}
