package io.tillbridge.connections;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.internal.ConnectionCheckRows;
import io.tillbridge.connections.internal.ConnectionRepository;
import io.tillbridge.events.EventTypes;
import io.tillbridge.events.PlatformEvents;
import io.tillbridge.connections.internal.ConnectionRow;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretDecryptionException;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's connections: a connector id, a name and the connector's config, whose secret fields
 * go only to the {@link SecretVault} (write-only: never returned, logged or audited). Changes are
 * audited with secrets as {@code [redacted]}. {@link #check} and {@link #discover} run the
 * connector with the decrypted config, outside any database transaction.
 *
 * <p>Connectors get the connection's {@link ConnectorContexts context}: shared request quotas and
 * OAuth2 tokens refreshed once at a time ({@link ConnectionTokens}). A changed secret drops the
 * tokens kept from earlier refreshes, so that a merchant who connects again starts afresh; so does
 * a changed URL, host or endpoint, which moreover needs every stored secret given again.
 *
 * <p>A sandbox connection ({@link SandboxConnections}, DD-029) talks to the vendor sandbox that the
 * platform runs for the tenant: its config comes from the sandbox (where it is and, for an OAuth
 * connector, a grant the sandbox approves without a browser). When the sandbox has been started
 * again since (a restart, an idle stop), the first use of the connection rewrites its config from the
 * new sandbox in the same way, as the system actor {@code sandbox}.
 */
@Singleton
public class ConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);

    private final TenantTransactions transactions;
    private final ConnectionRepository repository;
    private final SecretVault vault;
    private final ConnectorConfigs configs;
    private final AuditLog audit;
    private final Clock clock;
    private final ConnectorContexts contexts;
    private final io.micronaut.context.event.ApplicationEventPublisher<ConnectionSaved> saved;
    private final io.micronaut.context.event.ApplicationEventPublisher<ConnectionDeleting> deleting;
    private final ConnectionTokens tokens;
    private final InteractiveCalls interactive;
    private final SandboxConnections sandboxes;
    private final ConnectorGrants grants;
    private final OAuthAddresses addresses;
    private final PlatformEvents events;

    public ConnectionService(TenantTransactions transactions, ConnectionRepository repository, SecretVault vault,
            ConnectorConfigs configs, AuditLog audit, Clock clock, ConnectorContexts contexts,
            ConnectionTokens tokens, InteractiveCalls interactive, SandboxConnections sandboxes,
            ConnectorGrants grants, OAuthAddresses addresses, PlatformEvents events,
            io.micronaut.context.event.ApplicationEventPublisher<ConnectionSaved> saved,
            io.micronaut.context.event.ApplicationEventPublisher<ConnectionDeleting> deleting) {
        this.saved = saved;
        this.deleting = deleting;
        this.transactions = transactions;
        this.repository = repository;
        this.vault = vault;
        this.configs = configs;
        this.audit = audit;
        this.clock = clock;
        this.contexts = contexts;
        this.tokens = tokens;
        this.interactive = interactive;
        this.sandboxes = sandboxes;
        this.grants = grants;
        this.addresses = addresses;
        this.events = events;
    }

    public Page<ConnectionDetail> list(TenantScope scope, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        Optional<Cursor> after = cursor.map(ConnectionService::decode);
        List<ConnectionRow> fetched = transactions.read(scope.tenant(), c -> repository.list(scope.tenant(), c, after, limit + 1));
        return Page.of(fetched.stream().map(this::detail).toList(), limit, d -> Cursor.of(d.createdAt(), d.id()));
    }

    public ConnectionDetail get(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return detail(transactions.read(scope.tenant(), c -> find(scope, c, id, false)));
    }

    /**
     * Creates a connection. With {@link ConnectionDraft#sandbox()}, the tenant's sandbox of the
     * connector is started if it is not running, and the connection's config comes from it; the
     * draft may then name non-secret fields only (400 naming any secret field).
     */
    public ConnectionDetail create(TenantScope scope, ConnectionDraft draft) {
        scope.require(Permission.CONFIGURE);
        ConnectorSpec<?> spec = configs.spec(draft.connectorId());
        if (!draft.sandbox()) {
            return saved(scope, insert(scope, spec, draft));
        }
        requireNoSecrets(spec, draft.config(), "a sandbox connection gets its credentials from the sandbox");
        SandboxConnections.Running sandbox = sandboxes.running(scope.tenant(), spec.id());
        Map<String, Object> config = grants.sandboxConfig(spec, draft.config(), sandbox, addresses.callback());
        ConnectionDetail created = insert(scope, spec, new ConnectionDraft(spec.id(), draft.name(), config, true));
        sandboxes.adopt(sandbox, scope.tenant(), created.id());
        return saved(scope, created);
    }

    /**
     * Creates a connection whose config holds an OAuth grant just obtained ({@code config} with its
     * secrets), for the OAuth callback: a sandbox connection when {@code sandbox} issued the grant.
     */
    public ConnectionDetail createGranted(TenantScope scope, ConnectionDraft draft, SandboxConnections.Running sandbox) {
        scope.require(Permission.CONFIGURE);
        ConnectionDetail created = insert(scope, configs.spec(draft.connectorId()), draft);
        if (sandbox != null) {
            sandboxes.adopt(sandbox, scope.tenant(), created.id());
        }
        return saved(scope, created);
    }

    /**
     * Tells who listens (the vendor webhook subscription) that a connection was created, once it is
     * complete: a sandbox connection only after its sandbox adopted it, or the listener's first call
     * would find it unadopted and point it at a new sandbox.
     */
    private ConnectionDetail saved(TenantScope scope, ConnectionDetail created) {
        saved.publishEvent(new ConnectionSaved(scope.tenant(), created.id()));
        return created;
    }

    /** 400 naming each secret field of {@code config}: {@code why} they may not be given. */
    void requireNoSecrets(ConnectorSpec<?> spec, Map<String, Object> config, String why) {
        Set<String> secrets = configs.secretFields(spec);
        List<io.tillbridge.problems.Problem.FieldError> errors = config.keySet().stream().filter(secrets::contains)
                .map(f -> new io.tillbridge.problems.Problem.FieldError("config." + f, why)).toList();
        if (!errors.isEmpty()) {
            throw ConnectorConfigs.invalid(errors);
        }
    }

    private ConnectionDetail insert(TenantScope scope, ConnectorSpec<?> spec, ConnectionDraft draft) {
        ConnectorConfigs.Split split = configs.split(spec, draft.config(), Set.of());
        UUID id = UUID.randomUUID();
        return transactions.write(scope.tenant(), c -> {
            repository.insert(scope.tenant(), c, id, spec.id(), draft.name(), split.plain(), draft.sandbox());
            for (Map.Entry<String, Secret> secret : split.secrets().entrySet()) {
                vault.put(c, scope.tenant(), id, secret.getKey(), secret.getValue());
            }
            ConnectionRow created = find(scope, c, id, false);
            record(c, scope, "connection.created", id, null, created);
            LOG.info("Connection {} created with connector {} (secret fields {}{})", id, spec.id(),
                    created.secretFields(), draft.sandbox() ? ", sandbox" : "");
            return detail(created);
        });
    }

    /**
     * Replaces the name and the plain config. A secret field left out, null or {@code {"set": true}}
     * keeps the stored secret; a new value replaces it. 412 unless at {@code expectedVersion}.
     * A change of where the connection points ({@link TargetChange}) needs every stored secret given
     * again (422 {@code secrets-required} naming them, nothing changed) and drops the kept OAuth2 tokens.
     */
    public ConnectionDetail update(TenantScope scope, UUID id, int expectedVersion, ConnectionDraft draft) {
        scope.require(Permission.CONFIGURE);
        ConnectionDetail updated = transactions.write(scope.tenant(), c -> {
            ConnectionRow before = find(scope, c, id, true);
            Versions.requireCurrent(expectedVersion, before.version());
            ConnectorSpec<?> spec = configs.spec(before.connectorId());
            ConnectorConfigs.Split split = configs.split(spec, draft.config(), before.secretFields());
            TargetChange target = TargetChange.of(configs.targetFields(spec), before.plainConfig(), split.plain());
            target.requireSecretsGiven(before.secretFields(), split.secrets().keySet());
            repository.update(scope.tenant(), c, id, expectedVersion, draft.name(), split.plain());
            for (Map.Entry<String, Secret> secret : split.secrets().entrySet()) {
                vault.put(c, scope.tenant(), id, secret.getKey(), secret.getValue());
            }
            if (!split.secrets().isEmpty() || target.retargets()) {
                tokens.forget(c, scope.tenant(), id);
            }
            if (target.retargets()) {
                LOG.info("Connection {} re-targeted ({} changed): secrets given again {}, kept OAuth2 tokens dropped",
                        id, target.changed(), split.secrets().keySet());
            }
            ConnectionRow after = find(scope, c, id, false);
            record(c, scope, "connection.changed", id, before, after);
            return detail(after);
        });
        saved.publishEvent(new ConnectionSaved(scope.tenant(), id));
        return updated;
    }

    /**
     * Deletes the connection and its secrets; 412 unless at {@code expectedVersion}. Before, while
     * the config still exists, what was registered with the vendor for it is removed
     * ({@link ConnectionDeleting}; best effort).
     */
    public void delete(TenantScope scope, UUID id, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        ConnectionRow current = transactions.read(scope.tenant(), c -> find(scope, c, id, false));
        Versions.requireCurrent(expectedVersion, current.version());
        deleting.publishEvent(new ConnectionDeleting(scope.tenant(), id));
        transactions.write(scope.tenant(), c -> {
            ConnectionRow before = find(scope, c, id, true);
            Versions.requireCurrent(expectedVersion, before.version());
            vault.removeAll(c, scope.tenant(), id);
            repository.delete(scope.tenant(), c, id, expectedVersion);
            record(c, scope, "connection.deleted", id, before, null);
            return null;
        });
        sandboxes.forget(scope.tenant(), id);
    }

    /**
     * Runs the connector's check with the decrypted config, and stores the outcome. The check runs
     * on the {@link InteractiveCalls} pool; past its time limit it is stopped and answers TRANSIENT.
     */
    public CheckOutcome check(TenantScope scope, UUID id) {
        scope.require(Permission.OPERATE);
        CheckOutcome outcome = runCheck(scope.tenant(), id);
        transactions.write(scope.tenant(), c -> {
            find(scope, c, id, true);
            recordCheck(c, scope.tenant(), id, outcome);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", outcome.status());
            state.put("message", outcome.message());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("connection.checked", "connection", id).after(state));
            return null;
        });
        return outcome;
    }

    /**
     * The platform's periodic check of a connection ({@link ConnectionChecks}): as {@link #check}, for
     * no user and not audited. Answers empty when the connection was deleted meanwhile.
     */
    Optional<CheckOutcome> checkForHealth(TenantId tenant, UUID id) {
        CheckOutcome outcome = runCheck(tenant, id);
        return transactions.write(tenant, c -> {
            if (repository.find(tenant, c, id, true).isEmpty()) {
                return Optional.empty();
            }
            recordCheck(c, tenant, id, outcome);
            return Optional.of(outcome);
        });
    }

    /**
     * Stores a check's outcome on the connection and in its health ({@code connection_checks}); a
     * connection that worked (or was never checked) and now fails publishes {@code connection.broken}.
     */
    private void recordCheck(Connection c, TenantId tenant, UUID id, CheckOutcome outcome) throws SQLException {
        repository.recordCheck(tenant, c, id, outcome);
        if (ConnectionCheckRows.record(c, tenant.value(), id, outcome)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("connectionId", id.toString());
            data.put("category", outcome.status());
            data.put("message", outcome.message());
            data.put("link", "/api/v1/tenants/" + tenant.value() + "/connections/" + id + "/health");
            events.publish(c, tenant, EventTypes.CONNECTION_BROKEN, data);
        }
    }

    private CheckOutcome runCheck(TenantId tenant, UUID id) {
        Bound bound = bound(bind(tenant, id));
        CheckResult result;
        if (bound.config() == null) {
            result = CheckResult.failed(CheckResult.Status.CONFIG, bound.problem());
        } else {
            result = interactive.call(tenant, interactive.connectorTimeout(), () -> {
                try (Connector<Record> connector = connector(bound, tenant, id)) {
                    return connector.check(bound.config());
                } catch (RuntimeException e) {
                    // The contract says check never throws; a connector that does is a bug, reported as SYSTEM.
                    LOG.warn("Connector {} threw from check of connection {}: {}", bound.spec().id(), id,
                            e.getClass().getName());
                    return CheckResult.failed(CheckResult.Status.SYSTEM, "the connector failed unexpectedly");
                }
            }, () -> CheckResult.failed(CheckResult.Status.TRANSIENT, "the check took longer than "
                    + InteractiveCalls.readable(interactive.connectorTimeout()) + " and was stopped: the system behind"
                    + " the connection answers too slowly"));
        }
        return new CheckOutcome(result.status().name(), result.message(), clock.instant());
    }

    /**
     * The streams, fields and samples the connector finds behind the connection, on the
     * {@link InteractiveCalls} pool within its time limit; samples are bounded ({@link DiscoveredCatalog}).
     */
    public DiscoveredCatalog discover(TenantScope scope, UUID id) {
        scope.require(Permission.OPERATE);
        Bound bound = configFor(scope, id);
        if (bound.config() == null) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "CONFIG: " + bound.problem());
        }
        return interactive.call(scope.tenant(), interactive.connectorTimeout(), () -> discover(scope, id, bound), () -> {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "TRANSIENT: discovery took longer than "
                    + InteractiveCalls.readable(interactive.connectorTimeout()) + " and was stopped: the system behind"
                    + " the connection answers too slowly");
        });
    }

    private DiscoveredCatalog discover(TenantScope scope, UUID id, Bound bound) {
        try (Connector<Record> connector = connector(bound, scope.tenant(), id)) {
            return DiscoveredCatalog.of(connector.discover(bound.config()));
        } catch (ConnectorException e) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, e.category() + ": " + e.getMessage());
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Connector {} failed discovering connection {}: {}", bound.spec().id(), id, e.getClass().getName());
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "SYSTEM: the connector failed unexpectedly");
        }
    }

    /** The connector's config record of a connection, or why there is none. */
    private record Bound(ConnectorSpec<?> spec, Record config, String problem) {

        @Override
        public String toString() {
            return "Bound[" + spec.id() + "]";
        }
    }

    private Bound configFor(TenantScope scope, UUID id) {
        return bound(bind(scope.tenant(), id));
    }

    private static Bound bound(BoundConfig bound) {
        return new Bound(bound.spec(), bound.config(), bound.problem());
    }

    /**
     * The decrypted config of a connection, bound to its connector's config record, for a run of
     * the tenant (no user scope: the worker acts for the platform). 404 when the tenant has no such
     * connection; a config that cannot be decrypted or bound comes back with {@code problem} set.
     */
    public BoundConfig bind(TenantId tenant, UUID id) {
        Binding binding = bindOnce(tenant, id);
        if (binding.row().sandbox() && !sandboxes.adoptedByRunning(tenant, id, binding.row().plainConfig())) {
            String problem = adoptAgain(tenant, binding.row(), binding.bound().spec());
            if (problem != null) {
                return new BoundConfig(binding.bound().spec(), null, problem, tenant, id);
            }
            return bindOnce(tenant, id).bound();
        }
        return binding.bound();
    }

    /** A bound config and the row it was read from. */
    private record Binding(ConnectionRow row, BoundConfig bound) {

        @Override
        public String toString() {
            return "Binding[" + row.id() + "]";
        }
    }

    /**
     * Points a sandbox connection at the sandbox running now (started if none runs), with a fresh
     * grant for an OAuth connector; null when done, else why not (readable by a merchant).
     */
    private String adoptAgain(TenantId tenant, ConnectionRow row, ConnectorSpec<?> spec) {
        SandboxConnections.Running sandbox;
        Map<String, Object> config;
        try {
            sandbox = sandboxes.running(tenant, spec.id());
            config = grants.sandboxConfig(spec, row.plainConfig(), sandbox, addresses.callback());
        } catch (ProblemException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("Connection {}: the {} sandbox could not be started or grant access: {}", row.id(), spec.id(),
                    e.getMessage());
            return "the " + spec.id() + " sandbox could not be started or grant access; try again";
        }
        transactions.write(tenant, c -> {
            ConnectionRow before = repository.find(tenant, c, row.id(), true).orElseThrow(ConnectionService::notFound);
            ConnectorConfigs.Split split = configs.split(spec, config, before.secretFields());
            repository.update(tenant, c, row.id(), before.version(), before.name(), split.plain());
            for (Map.Entry<String, Secret> secret : split.secrets().entrySet()) {
                vault.put(c, tenant, row.id(), secret.getKey(), secret.getValue());
            }
            tokens.forget(c, tenant, row.id());
            ConnectionRow after = repository.find(tenant, c, row.id(), false).orElseThrow(ConnectionService::notFound);
            audit.append(c, tenant, io.tillbridge.audit.Actor.system("sandbox"), AuditLog.Entry
                    .of("connection.sandbox-restarted", "connection", row.id())
                    .before(auditState(before)).after(auditState(after)));
            return null;
        });
        sandboxes.adopt(sandbox, tenant, row.id());
        LOG.info("Connection {} points at the {} sandbox started again at {}", row.id(), spec.id(),
                sandbox.sandbox().baseUrl());
        return null;
    }

    private Binding bindOnce(TenantId tenant, UUID id) {
        return transactions.read(tenant, c -> {
            ConnectionRow row = repository.find(tenant, c, id, false).orElseThrow(ConnectionService::notFound);
            ConnectorSpec<?> spec = configs.registry().spec(row.connectorId()).orElseThrow(() -> new ProblemException(
                    ProblemType.CONNECTOR_FAILED, "SYSTEM: connector " + row.connectorId() + " is not installed"));
            Map<String, Secret> secrets;
            try {
                secrets = vault.open(c, tenant, id);
            } catch (SecretDecryptionException e) {
                LOG.error("Connection {}: {}", id, e.getMessage());
                return new Binding(row, new BoundConfig(spec, null,
                        "the stored credentials cannot be decrypted; enter them again", tenant, id));
            }
            // Tokens the platform keeps for an OAuth2 connection are not config fields.
            secrets.keySet().removeIf(ConnectionTokens::isKeptToken);
            try {
                return new Binding(row, new BoundConfig(spec, configs.bind(spec, row.plainConfig(), secrets), null,
                        tenant, id));
            } catch (ProblemException e) {
                return new Binding(row, new BoundConfig(spec, null, e.getMessage(), tenant, id));
            }
        });
    }

    /** The connector of a connection of the tenant, in the caller's transaction; empty when there is none. */
    public Optional<ConnectorSpec<?>> connectorOf(Connection c, TenantId tenant, UUID id) throws SQLException {
        Optional<ConnectionRow> row = repository.find(tenant, c, id, false);
        return row.flatMap(r -> configs.registry().spec(r.connectorId()));
    }

    @SuppressWarnings("unchecked")
    private Connector<Record> connector(Bound bound, TenantId tenant, UUID id) {
        Connector<Record> connector = (Connector<Record>) configs.registry().create(bound.spec().id());
        if (connector instanceof io.tillbridge.connector.spi.ContextAware aware) {
            aware.useContext(contexts.of(tenant, id));
        }
        return connector;
    }

    private ConnectionRow find(TenantScope scope, Connection c, UUID id, boolean lock) throws SQLException {
        return repository.find(scope.tenant(), c, id, lock).orElseThrow(ConnectionService::notFound);
    }

    private ConnectionDetail detail(ConnectionRow row) {
        return new ConnectionDetail(row.id(), row.connectorId(), row.name(),
                configs.shown(row.plainConfig(), row.secretFields()), row.lastCheck(), row.version(), row.createdAt(),
                row.updatedAt(), row.sandbox());
    }

    private void record(Connection c, TenantScope scope, String action, UUID id, ConnectionRow before,
            ConnectionRow after) throws SQLException {
        audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of(action, "connection", id)
                .before(before == null ? null : auditState(before))
                .after(after == null ? null : auditState(after)));
    }

    private Map<String, Object> auditState(ConnectionRow row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("connectorId", row.connectorId());
        state.put("name", row.name());
        state.put("config", configs.audited(row.plainConfig(), new LinkedHashSet<>(row.secretFields())));
        state.put("version", row.version());
        if (row.sandbox()) {
            state.put("sandbox", true);
        }
        return state;
    }

    private static Cursor decode(String text) {
        Cursor cursor = Cursor.decode(text, 2);
        try {
            Instant.parse(cursor.get(0));
            UUID.fromString(cursor.get(1));
            return cursor;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such connection.");
    }
}
