package io.tillbridge.integrations;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.integrations.internal.IntegrationRepository;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's integrations: one stream of a source connection into one object of a target
 * connection, through the mapping version it is pinned to (identity when none is). Every change is audited. In shadow mode a run
 * writes nothing to the target (see the run worker).
 */
@Singleton
public class IntegrationService {

    public static final Set<String> MODES = Set.of("shadow", "live");

    private final TenantTransactions transactions;
    private final IntegrationRepository repository;
    private final ConnectionService connections;
    private final RunCommands runs;
    private final AuditLog audit;

    public IntegrationService(TenantTransactions transactions, IntegrationRepository repository,
            ConnectionService connections, RunCommands runs, AuditLog audit) {
        this.transactions = transactions;
        this.repository = repository;
        this.connections = connections;
        this.runs = runs;
        this.audit = audit;
    }

    public Page<Integration> list(TenantScope scope, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        Optional<Cursor> after = cursor.map(IntegrationService::decode);
        List<Integration> fetched = transactions.read(scope.tenant(),
                c -> repository.list(scope.tenant(), c, after, limit + 1));
        return Page.of(fetched, limit, i -> Cursor.of(i.createdAt(), i.id()));
    }

    public Integration get(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> find(scope.tenant(), c, id, false));
    }

    /** The integration for a run of the platform (no user scope); empty when the tenant has none. */
    public Optional<Integration> find(TenantId tenant, UUID id) {
        return transactions.read(tenant, c -> repository.find(tenant, c, id, false));
    }

    public Integration create(TenantScope scope, IntegrationDraft draft) {
        return create(scope, draft, null);
    }

    /**
     * Creates an integration installed from a template ({@code origin}; null for one made by hand).
     * Joins the caller's transaction when there is one, so that an install makes all of its
     * integrations or none.
     */
    public Integration create(TenantScope scope, IntegrationDraft draft, TemplateOrigin origin) {
        scope.require(Permission.CONFIGURE);
        IntegrationDraft valid = withMode(draft, "shadow");
        UUID id = UUID.randomUUID();
        return transactions.write(scope.tenant(), c -> {
            validate(c, scope.tenant(), valid);
            repository.insert(scope.tenant(), c, id, valid, origin);
            Integration created = find(scope.tenant(), c, id, false);
            record(c, scope, "integration.created", id, null, created);
            return created;
        });
    }

    /** Replaces name, connections, stream, object and mode; 412 unless at {@code expectedVersion}. */
    public Integration update(TenantScope scope, UUID id, int expectedVersion, IntegrationDraft draft) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            Integration before = find(scope.tenant(), c, id, true);
            Versions.requireCurrent(expectedVersion, before.version());
            IntegrationDraft valid = withMode(draft, before.mode());
            validate(c, scope.tenant(), valid);
            repository.update(scope.tenant(), c, id, expectedVersion, valid);
            Integration after = find(scope.tenant(), c, id, false);
            record(c, scope, "integration.changed", id, before, after);
            return after;
        });
    }

    public void delete(TenantScope scope, UUID id, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        transactions.write(scope.tenant(), c -> {
            Integration before = find(scope.tenant(), c, id, true);
            Versions.requireCurrent(expectedVersion, before.version());
            repository.delete(scope.tenant(), c, id, expectedVersion);
            record(c, scope, "integration.deleted", id, before, null);
            return null;
        });
    }

    /** Pauses (or resumes) the integration: a paused integration takes no runs. Idempotent. */
    public Integration setPaused(TenantScope scope, UUID id, boolean paused) {
        scope.require(Permission.CONFIGURE);
        String status = paused ? "paused" : "active";
        return transactions.write(scope.tenant(), c -> {
            Integration before = find(scope.tenant(), c, id, true);
            if (before.status().equals(status)) {
                return before;
            }
            repository.setStatus(scope.tenant(), c, id, status);
            Integration after = find(scope.tenant(), c, id, false);
            record(c, scope, paused ? "integration.paused" : "integration.resumed", id, before, after);
            return after;
        });
    }

    /** Queues a manual run: 404 for an unknown integration, 409 while it is paused. */
    public UUID runNow(TenantScope scope, UUID id) {
        scope.require(Permission.OPERATE);
        Integration integration = transactions.read(scope.tenant(), c -> find(scope.tenant(), c, id, false));
        if (integration.paused()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "The integration is paused: resume it before starting a run.");
        }
        return runs.enqueue(scope, id);
    }

    private static IntegrationDraft withMode(IntegrationDraft draft, String fallback) {
        String mode = draft.mode() == null ? fallback : draft.mode();
        if (!MODES.contains(mode)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "mode must be shadow or live.");
        }
        return new IntegrationDraft(draft.name().trim(), draft.sourceConnectionId(), draft.sourceStream().trim(),
                draft.targetConnectionId(), draft.targetObject().trim(), mode, draft.maxRecordErrors());
    }

    private void validate(Connection c, TenantId tenant, IntegrationDraft draft) throws SQLException {
        requireRole(c, tenant, draft.sourceConnectionId(), ConnectorSpec.Role.SOURCE, "source");
        requireRole(c, tenant, draft.targetConnectionId(), ConnectorSpec.Role.TARGET, "target");
    }

    private void requireRole(Connection c, TenantId tenant, UUID connectionId, ConnectorSpec.Role role, String what)
            throws SQLException {
        Optional<ConnectorSpec<?>> spec = connections.connectorOf(c, tenant, connectionId);
        if (spec.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE,
                    "The " + what + " connection " + connectionId + " does not exist in this tenant.");
        }
        if (!spec.get().roles().contains(role)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The " + what + " connection " + connectionId
                    + " uses the connector " + spec.get().id() + ", which cannot be a " + what + ".");
        }
    }

    private Integration find(TenantId tenant, Connection c, UUID id, boolean lock) throws SQLException {
        return repository.find(tenant, c, id, lock)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such integration."));
    }

    private void record(Connection c, TenantScope scope, String action, UUID id, Integration before,
            Integration after) throws SQLException {
        audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of(action, "integration", id)
                .before(before == null ? null : auditState(before))
                .after(after == null ? null : auditState(after)));
    }

    private static Map<String, Object> auditState(Integration i) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", i.name());
        state.put("sourceConnectionId", i.sourceConnectionId().toString());
        state.put("sourceStream", i.sourceStream());
        state.put("targetConnectionId", i.targetConnectionId().toString());
        state.put("targetObject", i.targetObject());
        state.put("mode", i.mode());
        state.put("status", i.status());
        state.put("mapping", i.mapping());
        state.put("version", i.version());
        state.put("maxRecordErrors", i.maxRecordErrors());
        if (i.template() != null) {
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("id", i.template().id());
            template.put("version", i.template().version());
            template.put("key", i.template().key());
            template.put("installId", i.template().installId().toString());
            state.put("template", template);
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
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }
}
