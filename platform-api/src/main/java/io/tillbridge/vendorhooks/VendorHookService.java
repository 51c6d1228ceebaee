package io.tillbridge.vendorhooks;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionDeleting;
import io.tillbridge.connections.ConnectionSaved;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookReceiver;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WebhookSubscriptions;
import io.tillbridge.credentials.SealedSecret;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.vendorhooks.internal.VendorHookRows;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vendor webhooks per connection (DD-028). A connection whose connector receives its vendor's
 * webhooks ({@link WebhookReceiver}) gets a route with an unguessable id; where the connector can
 * register the subscription ({@link WebhookSubscriptions}), that happens on connect and the answered
 * signing secret is sealed by the vault. A delivery is verified by the connector on its raw bytes,
 * each event is stored once per vendor event id before the vendor gets its 2xx, the objects it names
 * are queued as changes for every integration that reads them, and a webhook run of each active
 * integration is queued (coalesced). The run drains the changes ({@code engine}).
 */
@Singleton
public class VendorHookService {

    /** Where the public receiving routes live. */
    public static final String PATH = "/api/v1/vendor-hooks/";
    /** The largest body a delivery may carry. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The vault field a route's signing secret is bound to (with tenant and route id). */
    public static final String SECRET_FIELD = io.tillbridge.vendorhooks.internal.VendorHookSecretStore.FIELD;

    private static final Logger LOG = LoggerFactory.getLogger(VendorHookService.class);
    /** How long a route's verifier (tenant, config, opened secret) is reused: a few seconds of deliveries. */
    private static final long VERIFIER_TTL_NANOS = 5_000_000_000L;

    private final TenantTransactions transactions;
    private final VendorHookRows rows;
    private final ConnectionService connections;
    private final ConnectorConfigs configs;
    private final ConnectorContexts contexts;
    private final SecretVault vault;
    private final RunRequests requests;
    private final EventWrites writes;
    private final AuditLog audit;
    private final Environment environment;
    private final BeanProvider<EmbeddedServer> server;
    private final Map<UUID, Verifier> verifiers = new ConcurrentHashMap<>();

    public VendorHookService(TenantTransactions transactions, VendorHookRows rows, ConnectionService connections,
            ConnectorConfigs configs, ConnectorContexts contexts, SecretVault vault, RunRequests requests,
            EventWrites writes, AuditLog audit, Environment environment, BeanProvider<EmbeddedServer> server) {
        this.transactions = transactions;
        this.rows = rows;
        this.connections = connections;
        this.configs = configs;
        this.contexts = contexts;
        this.vault = vault;
        this.requests = requests;
        this.writes = writes;
        this.audit = audit;
        this.environment = environment;
        this.server = server;
    }

    /** What a route needs to verify a delivery, loaded once for a few seconds. */
    private record Verifier(TenantId tenant, UUID routeId, UUID connectionId, BoundConfig bound, String secret,
            String url, List<VendorHookRows.Reader> readers, long loadedAt) {
    }

    /** The connection's route; 404 when the connection has none (its connector receives no webhooks). */
    public VendorHookRoute get(TenantScope scope, UUID connectionId) {
        scope.require(Permission.READ);
        connections.get(scope, connectionId);
        return transactions.read(scope.tenant(), c -> view(c, rows.byConnection(c, connectionId, false)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "The connection has no webhook route: its connector receives no webhooks."))));
    }

    /**
     * Registers (or renews) the vendor's webhook subscription for the connection's route, creating
     * the route first; 422 when the connector receives no webhooks or cannot register them (the
     * merchant then enters the signing secret). A vendor refusal is answered as the route with state
     * {@code failed}.
     */
    public VendorHookRoute subscribe(TenantScope scope, UUID connectionId) {
        scope.require(Permission.CONFIGURE);
        connections.get(scope, connectionId);
        VendorHookRoute route = register(scope.tenant(), connectionId, true)
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                        "The connection's connector cannot register webhook subscriptions with its vendor."));
        transactions.write(scope.tenant(), c -> audit.append(c, scope.tenant(), scope.actor(),
                AuditLog.Entry.of("vendor-webhook.subscribed", "connection", connectionId)
                        .after(Map.of("url", route.url(), "state", route.subscriptionState()))));
        return route;
    }

    /**
     * Stores a signing secret the merchant copied from the vendor (for a vendor whose API cannot
     * register subscriptions), creating the route first; 422 when the connector receives no webhooks.
     */
    public VendorHookRoute enterSecret(TenantScope scope, UUID connectionId, String signingSecret) {
        scope.require(Permission.CONFIGURE);
        connections.get(scope, connectionId);
        if (signingSecret == null || signingSecret.isBlank() || signingSecret.length() > 500) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "signingSecret must have 1 to 500 characters.");
        }
        TenantId tenant = scope.tenant();
        UUID routeId = ensureRoute(tenant, connectionId)
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                        "The connection's connector receives no webhooks."));
        SealedSecret sealed = vault.seal(tenant, routeId, SECRET_FIELD, Secret.of(signingSecret));
        VendorHookRoute route = transactions.write(tenant, c -> {
            rows.subscription(c, routeId, "entered", null, null, url(routeId), sealed);
            audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("vendor-webhook.secret-entered", "connection",
                    connectionId).after(Map.of("url", url(routeId))));
            return view(c, rows.byId(c, routeId).orElseThrow());
        });
        verifiers.remove(routeId);
        return route;
    }

    /** On connect: registers the subscription where the connector can; a failure is kept on the route, never thrown. */
    @EventListener
    void onConnectionSaved(ConnectionSaved saved) {
        try {
            register(saved.tenant(), saved.connectionId(), false);
        } catch (RuntimeException e) {
            LOG.warn("Connection {}: the webhook subscription was not registered: {}", saved.connectionId(),
                    e.getMessage());
        }
    }

    /**
     * Before a connection is deleted: removes the subscription registered with the vendor, so that
     * the vendor stops sending to a route that will answer 404. A failure is logged, never thrown.
     */
    @EventListener
    void onConnectionDeleting(ConnectionDeleting deleting) {
        try {
            Optional<VendorHookRows.Route> route = transactions.read(deleting.tenant(),
                    c -> rows.byConnection(c, deleting.connectionId(), false));
            if (route.isEmpty() || !"registered".equals(route.get().state()) || route.get().subscriptionId() == null) {
                return;
            }
            BoundConfig bound = connections.bind(deleting.tenant(), deleting.connectionId());
            Connector<?> connector = configs.registry().create(bound.spec().id());
            try {
                if (connector instanceof WebhookSubscriptions<?> && bound.config() != null) {
                    @SuppressWarnings("unchecked")
                    WebhookSubscriptions<Record> subscriptions =
                            (WebhookSubscriptions<Record>) contexts.lend(connector, bound);
                    subscriptions.unsubscribe(bound.config(), route.get().subscriptionId());
                    LOG.info("Connection {}: webhook subscription {} removed", deleting.connectionId(),
                            route.get().subscriptionId());
                }
            } finally {
                close(connector);
            }
        } catch (RuntimeException e) {
            LOG.warn("Connection {}: the webhook subscription was not removed: {}", deleting.connectionId(),
                    e.getMessage());
        }
    }

    /**
     * Creates the route if the connector receives webhooks and registers the subscription if it can;
     * empty when it cannot register. {@code always}: also when a subscription is registered already.
     */
    private Optional<VendorHookRoute> register(TenantId tenant, UUID connectionId, boolean always) {
        BoundConfig bound = connections.bind(tenant, connectionId);
        Connector<?> connector = configs.registry().create(bound.spec().id());
        if (!(connector instanceof WebhookReceiver<?>)) {
            close(connector);
            return Optional.empty();
        }
        UUID routeId = ensureRoute(tenant, connectionId).orElseThrow();
        try {
            if (!(connector instanceof WebhookSubscriptions<?>)) {
                return Optional.empty();
            }
            VendorHookRows.Route before = transactions.read(tenant, c -> rows.byId(c, routeId)).orElseThrow();
            if (!always && "registered".equals(before.state()) && url(routeId).equals(before.notificationUrl())) {
                return Optional.of(transactions.read(tenant, c -> view(c, before)));
            }
            @SuppressWarnings("unchecked")
            WebhookSubscriptions<Record> subscriptions = (WebhookSubscriptions<Record>) contexts.lend(connector, bound);
            String url = url(routeId);
            String state;
            String error = null;
            String subscriptionId = null;
            SealedSecret sealed = null;
            if (bound.config() == null) {
                state = "failed";
                error = "CONFIG: " + bound.problem();
            } else {
                try {
                    WebhookSubscriptions.Subscription subscription = subscriptions.subscribe(bound.config(), URI.create(url));
                    state = "registered";
                    subscriptionId = subscription.id();
                    sealed = vault.seal(tenant, routeId, SECRET_FIELD, Secret.of(subscription.signingSecret()));
                } catch (ConnectorException e) {
                    state = "failed";
                    error = e.category() + ": " + clip(e.getMessage());
                }
            }
            String finalState = state;
            String finalError = error;
            String finalId = subscriptionId;
            SealedSecret finalSealed = sealed;
            VendorHookRoute route = transactions.write(tenant, c -> {
                rows.subscription(c, routeId, finalState, finalId, finalError, url, finalSealed);
                return view(c, rows.byId(c, routeId).orElseThrow());
            });
            verifiers.remove(routeId);
            LOG.info("Connection {}: webhook subscription {} at {}", connectionId, finalState, url);
            return Optional.of(route);
        } finally {
            close(connector);
        }
    }

    /** The route id of the connection, created when its connector receives webhooks; empty otherwise. */
    private Optional<UUID> ensureRoute(TenantId tenant, UUID connectionId) {
        return transactions.write(tenant, c -> {
            Optional<VendorHookRows.Route> existing = rows.byConnection(c, connectionId, true);
            if (existing.isPresent()) {
                return Optional.of(existing.get().id());
            }
            boolean receives = connections.connectorOf(c, tenant, connectionId)
                    .map(spec -> configs.registry().create(spec.id()))
                    .map(connector -> {
                        boolean yes = connector instanceof WebhookReceiver<?>;
                        close(connector);
                        return yes;
                    }).orElse(false);
            if (!receives) {
                return Optional.<UUID>empty();
            }
            UUID routeId = UUID.randomUUID();
            rows.insert(c, tenant, routeId, connectionId);
            return Optional.of(routeId);
        });
    }

    /**
     * Takes a delivery in: 404 for an unknown route, 401 when the connector refuses the signature
     * (nothing stored), 400 when the verified body cannot be read; otherwise stores each event once
     * per vendor event id with the changes it names, all before answering, and queues a webhook run
     * of each active integration that reads a changed stream. 503 when the database is unreachable; 507
     * {@code storage-quota-exceeded} when the tenant is at its storage cap (nothing of the delivery is
     * stored, so the vendor redelivers it later).
     */
    public VendorHookReceipt receive(UUID routeId, Map<String, List<String>> headers, byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        Verifier verifier = verifier(routeId);
        Connector<?> connector = configs.registry().create(verifier.bound().spec().id());
        WebhookDelivery delivery;
        try {
            if (!(connector instanceof WebhookReceiver<?> receiver)) {
                throw unknownRoute();
            }
            @SuppressWarnings("unchecked")
            WebhookReceiver<Record> typed = (WebhookReceiver<Record>) receiver;
            delivery = typed.receive(verifier.bound().config(), verifier.secret(),
                    new WebhookRequest(verifier.url(), headers, body));
        } catch (ConnectorException e) {
            if (e.category() == ConnectorException.Category.AUTH) {
                throw new ProblemException(ProblemType.INVALID_SIGNATURE, "The vendor's signature does not verify: "
                        + clip(e.getMessage()));
            }
            throw new ProblemException(ProblemType.BAD_REQUEST, "The delivery cannot be read: " + clip(e.getMessage()));
        } finally {
            close(connector);
        }
        if (delivery.events().isEmpty()) {
            return new VendorHookReceipt(0, 0, delivery.handshake());
        }
        TenantId tenant = verifier.tenant();
        UUID connectionId = verifier.connectionId();
        Set<UUID> touched = new LinkedHashSet<>();
        int[] counts = new int[2];
        try {
            store(tenant, connectionId, verifier.readers(), delivery, body, touched, counts);
        } catch (RuntimeException e) {
            if (foreignKeyViolation(e)) {
                // The connection was deleted while its route's verifier was still in memory.
                verifiers.remove(routeId);
                throw unknownRoute();
            }
            throw e;
        }
        if (!touched.isEmpty()) {
            queueRuns(tenant, touched);
        }
        return new VendorHookReceipt(counts[0], counts[1], delivery.handshake());
    }

    /**
     * Stores the events and their changes, in a transaction shared with concurrent deliveries
     * ({@link EventWrites}); fills {@code touched} and {@code counts} once it committed.
     */
    private void store(TenantId tenant, UUID connectionId, List<VendorHookRows.Reader> readers,
            WebhookDelivery delivery, byte[] body, Set<UUID> touched, int[] counts) {
        List<VendorHookRows.NewEvent> events = new ArrayList<>();
        Map<String, Set<UUID>> touches = new HashMap<>();
        for (WebhookEvent event : delivery.events()) {
            List<VendorHookRows.NewChange> changes = new ArrayList<>();
            for (WebhookEvent.ChangedObject change : event.changes()) {
                for (VendorHookRows.Reader reader : readers) {
                    if (reader.stream().equals(change.stream())) {
                        changes.add(new VendorHookRows.NewChange(reader.integrationId(), change.stream(),
                                change.key(), change.version(), change.deleted(),
                                change.record() == null ? null : RecordJson.write(change.record().data())));
                        if (!reader.paused()) {
                            touches.computeIfAbsent(event.eventId(), k -> new LinkedHashSet<>()).add(reader.integrationId());
                        }
                    }
                }
            }
            events.add(new VendorHookRows.NewEvent(connectionId, event.eventId(), event.type(), event.occurredAt(), body,
                    changes));
        }
        EventWrites.Outcome outcome = writes.store(tenant, events);
        counts[0] = outcome.stored().size();
        counts[1] = outcome.duplicates();
        outcome.stored().forEach(e -> touched.addAll(touches.getOrDefault(e.eventId(), Set.of())));
    }

    private static boolean foreignKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asks for a webhook run of each integration (queued off this thread, coalesced with one still
     * queued). The changes are stored already: what is not queued is found by the sweep.
     */
    private void queueRuns(TenantId tenant, Set<UUID> integrations) {
        for (UUID integration : integrations) {
            requests.request(tenant, integration);
        }
    }

    private Verifier verifier(UUID routeId) {
        Verifier cached = verifiers.get(routeId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < VERIFIER_TTL_NANOS) {
            return cached;
        }
        TenantId tenant = transactions.withoutTenant(c -> rows.tenantOf(c, routeId))
                .orElseThrow(VendorHookService::unknownRoute);
        VendorHookRows.Route route = transactions.read(tenant, c -> rows.byId(c, routeId))
                .orElseThrow(VendorHookService::unknownRoute);
        if (route.secret() == null) {
            throw new ProblemException(ProblemType.INVALID_SIGNATURE,
                    "The route has no signing secret yet: register the subscription or enter the secret.");
        }
        BoundConfig bound = connections.bind(tenant, route.connectionId());
        if (bound.config() == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The connection's config cannot be used: "
                    + bound.problem(), java.time.Duration.ofMinutes(1));
        }
        String secret = vault.open(tenant, routeId, SECRET_FIELD, route.secret()).reveal();
        // The URL the subscription names, as the vendor signs it (behind a proxy the request's own URL differs).
        String url = route.notificationUrl() != null ? route.notificationUrl() : url(routeId);
        // The integrations reading the connection, kept as long: one created meanwhile reads from the start
        // on its first run anyway, and a change for one deleted meanwhile fails its insert (answered 404,
        // the vendor retries and finds this reloaded).
        List<VendorHookRows.Reader> readers = transactions.read(tenant, c -> rows.readers(c, route.connectionId()));
        Verifier loaded = new Verifier(tenant, routeId, route.connectionId(), bound, secret, url, readers,
                System.nanoTime());
        verifiers.put(routeId, loaded);
        return loaded;
    }

    /** The route's public URL: {@code tillbridge.public-url}, else the API's URL, plus the route's path. */
    public String url(UUID routeId) {
        String base = environment.getProperty("tillbridge.public-url", String.class)
                .or(() -> environment.getProperty("tillbridge.api.url", String.class))
                .orElseGet(() -> server.isPresent() && server.get().isRunning() ? server.get().getURL().toString() : "");
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + PATH + routeId;
    }

    private VendorHookRoute view(java.sql.Connection c, VendorHookRows.Route route) throws java.sql.SQLException {
        Map<String, Long> open = rows.openChanges(c, route.connectionId());
        return new VendorHookRoute(route.id(), route.connectionId(), url(route.id()), route.state(),
                route.subscriptionId(), route.error(), route.secret() != null, open.getOrDefault("pending", 0L),
                open.getOrDefault("waiting", 0L), route.updatedAt());
    }

    private static void close(Connector<?> connector) {
        try {
            connector.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing a connector failed: {}", e.getMessage());
        }
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The answer to a body over {@link #MAX_BODY_BYTES}. */
    public static ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                "A webhook body may have at most " + MAX_BODY_BYTES + " bytes; nothing was stored.");
    }

    private static ProblemException unknownRoute() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such webhook route.");
    }

}
