package io.tillbridge.connections;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.internal.ConnectionRepository;
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
    private final ConnectionTokens tokens;
    private final InteractiveCalls interactive;

    public ConnectionService(TenantTransactions transactions, ConnectionRepository repository, SecretVault vault,
            ConnectorConfigs configs, AuditLog audit, Clock clock, ConnectorContexts contexts,
            ConnectionTokens tokens, InteractiveCalls interactive,
            io.micronaut.context.event.ApplicationEventPublisher<ConnectionSaved> saved) {
        this.saved = saved;
        this.transactions = transactions;
        this.repository = repository;
        this.vault = vault;
        this.configs = configs;
        this.audit = audit;
        this.clock = clock;
        this.contexts = contexts;
        this.tokens = tokens;
        this.interactive = interactive;
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

    public ConnectionDetail create(TenantScope scope, ConnectionDraft draft) {
        scope.require(Permission.CONFIGURE);
        ConnectorSpec<?> spec = configs.spec(draft.connectorId());
        ConnectorConfigs.Split split = configs.split(spec, draft.config(), Set.of());
        UUID id = UUID.randomUUID();
        ConnectionDetail detail = transactions.write(scope.tenant(), c -> {
            repository.insert(scope.tenant(), c, id, spec.id(), draft.name(), split.plain());
            for (Map.Entry<String, Secret> secret : split.secrets().entrySet()) {
                vault.put(c, scope.tenant(), id, secret.getKey(), secret.getValue());
            }
            ConnectionRow created = find(scope, c, id, false);
            record(c, scope, "connection.created", id, null, created);
            LOG.info("Connection {} created with connector {} (secret fields {})", id, spec.id(), created.secretFields());
            return detail(created);
        });
        saved.publishEvent(new ConnectionSaved(scope.tenant(), id));
        return detail;
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

    /** Deletes the connection and its secrets; 412 unless at {@code expectedVersion}. */
    public void delete(TenantScope scope, UUID id, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        transactions.write(scope.tenant(), c -> {
            ConnectionRow before = find(scope, c, id, true);
            Versions.requireCurrent(expectedVersion, before.version());
            vault.removeAll(c, scope.tenant(), id);
            repository.delete(scope.tenant(), c, id, expectedVersion);
            record(c, scope, "connection.deleted", id, before, null);
            return null;
        });
    }

    /**
     * Runs the connector's check with the decrypted config, and stores the outcome. The check runs
     * on the {@link InteractiveCalls} pool; past its time limit it is stopped and answers TRANSIENT.
     */
    public CheckOutcome check(TenantScope scope, UUID id) {
        scope.require(Permission.OPERATE);
        Bound bound = configFor(scope, id);
        CheckResult result;
        if (bound.config() == null) {
            result = CheckResult.failed(CheckResult.Status.CONFIG, bound.problem());
        } else {
            result = interactive.call(scope.tenant(), interactive.connectorTimeout(), () -> {
                try (Connector<Record> connector = connector(bound, scope, id)) {
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
        CheckOutcome outcome = new CheckOutcome(result.status().name(), result.message(), clock.instant());
        transactions.write(scope.tenant(), c -> {
            find(scope, c, id, true);
            repository.recordCheck(scope.tenant(), c, id, outcome);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", outcome.status());
            state.put("message", outcome.message());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("connection.checked", "connection", id).after(state));
            return null;
        });
        return outcome;
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
        try (Connector<Record> connector = connector(bound, scope, id)) {
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
        BoundConfig bound = bind(scope.tenant(), id);
        return new Bound(bound.spec(), bound.config(), bound.problem());
    }

    /**
     * The decrypted config of a connection, bound to its connector's config record, for a run of
     * the tenant (no user scope: the worker acts for the platform). 404 when the tenant has no such
     * connection; a config that cannot be decrypted or bound comes back with {@code problem} set.
     */
    public BoundConfig bind(TenantId tenant, UUID id) {
        return transactions.read(tenant, c -> {
            ConnectionRow row = repository.find(tenant, c, id, false).orElseThrow(ConnectionService::notFound);
            ConnectorSpec<?> spec = configs.registry().spec(row.connectorId()).orElseThrow(() -> new ProblemException(
                    ProblemType.CONNECTOR_FAILED, "SYSTEM: connector " + row.connectorId() + " is not installed"));
            Map<String, Secret> secrets;
            try {
                secrets = vault.open(c, tenant, id);
            } catch (SecretDecryptionException e) {
                LOG.error("Connection {}: {}", id, e.getMessage());
                return new BoundConfig(spec, null, "the stored credentials cannot be decrypted; enter them again",
                        tenant, id);
            }
            // Tokens the platform keeps for an OAuth2 connection are not config fields.
            secrets.keySet().removeIf(ConnectionTokens::isKeptToken);
            try {
                return new BoundConfig(spec, configs.bind(spec, row.plainConfig(), secrets), null, tenant, id);
            } catch (ProblemException e) {
                return new BoundConfig(spec, null, e.getMessage(), tenant, id);
            }
        });
    }

    /** The connector of a connection of the tenant, in the caller's transaction; empty when there is none. */
    public Optional<ConnectorSpec<?>> connectorOf(Connection c, TenantId tenant, UUID id) throws SQLException {
        Optional<ConnectionRow> row = repository.find(tenant, c, id, false);
        return row.flatMap(r -> configs.registry().spec(r.connectorId()));
    }

    @SuppressWarnings("unchecked")
    private Connector<Record> connector(Bound bound, TenantScope scope, UUID id) {
        Connector<Record> connector = (Connector<Record>) configs.registry().create(bound.spec().id());
        if (connector instanceof io.tillbridge.connector.spi.ContextAware aware) {
            aware.useContext(contexts.of(scope.tenant(), id));
        }
        return connector;
    }

    private ConnectionRow find(TenantScope scope, Connection c, UUID id, boolean lock) throws SQLException {
        return repository.find(scope.tenant(), c, id, lock).orElseThrow(ConnectionService::notFound);
    }

    private ConnectionDetail detail(ConnectionRow row) {
        return new ConnectionDetail(row.id(), row.connectorId(), row.name(),
                configs.shown(row.plainConfig(), row.secretFields()), row.lastCheck(), row.version(), row.createdAt(),
                row.updatedAt());
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
