package io.tillbridge.retention.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.retention.PurgeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The purge statements. Each deletes at most {@code limit} rows older than the cut-off, chosen by
 * an index range scan in a sub-select (PostgreSQL has no {@code DELETE ... LIMIT}), so that one
 * statement holds its row locks for a short time and never scans a table. Tenant kinds run in a
 * transaction of the tenant (row-level security applies); their {@code WHERE tenant_id = ?} lets
 * the planner use the tenant-led indexes.
 */
public final class RetentionRows {

    // A run whose stored records are still needed: not finished, or a replay of it is queued or running.
    private static final String RUN_FINISHED = "r.tenant_id = ? AND r.queued_at < ? AND r.finished_at < ?"
            + " AND r.status IN ('succeeded', 'failed', 'cancelled')";
    private static final String NO_PENDING_REPLAY = " AND NOT EXISTS (SELECT 1 FROM runs p WHERE p.tenant_id = r.tenant_id"
            + " AND p.replay_of = r.id AND p.replay_of IS NOT NULL AND p.status IN ('queued', 'running'))";

    private static final String RUN_RECORDS = "DELETE FROM run_records d USING (SELECT x.run_id, x.source_key"
            + " FROM runs r JOIN run_records x ON x.tenant_id = r.tenant_id AND x.run_id = r.id WHERE " + RUN_FINISHED
            + NO_PENDING_REPLAY
            + " AND NOT EXISTS (SELECT 1 FROM record_errors e WHERE e.tenant_id = x.tenant_id AND e.run_id = x.run_id"
            + " AND e.source_key = x.source_key AND e.status IN ('open', 'retried')) LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.run_id = v.run_id AND d.source_key = v.source_key";

    private static final String SHADOW_CHANGES = "DELETE FROM shadow_changes d USING (SELECT x.run_id, x.source_key"
            + " FROM runs r JOIN shadow_changes x ON x.tenant_id = r.tenant_id AND x.run_id = r.id WHERE " + RUN_FINISHED
            + NO_PENDING_REPLAY + " LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.run_id = v.run_id AND d.source_key = v.source_key";

    private static final String RUN_EVENTS = "DELETE FROM run_events d USING (SELECT x.run_id, x.seq"
            + " FROM runs r JOIN run_events x ON x.tenant_id = r.tenant_id AND x.run_id = r.id WHERE " + RUN_FINISHED
            + " LIMIT ?) v WHERE d.tenant_id = ? AND d.run_id = v.run_id AND d.seq = v.seq";

    private static final String WEBHOOK_EVENTS = "DELETE FROM webhook_events d USING (SELECT x.endpoint_id, x.event_id"
            + " FROM webhook_events x WHERE x.tenant_id = ? AND x.received_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.tenant_id = x.tenant_id AND r.id = x.run_id"
            + " AND r.status IN ('queued', 'running')) LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.endpoint_id = v.endpoint_id AND d.event_id = v.event_id";

    private static final String VENDOR_HOOK_CHANGES = "DELETE FROM vendor_hook_changes d USING (SELECT x.id"
            + " FROM vendor_hook_changes x WHERE x.tenant_id = ? AND x.status IN ('written', 'skipped')"
            + " AND x.done_at < ? LIMIT ?) v WHERE d.tenant_id = ? AND d.id = v.id";

    // An event a change still needs (pending, or a refund waiting for its order) stays, however old.
    private static final String VENDOR_HOOK_EVENTS = "DELETE FROM vendor_hook_events d USING (SELECT x.connection_id,"
            + " x.event_id FROM vendor_hook_events x WHERE x.tenant_id = ? AND x.received_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM vendor_hook_changes ch WHERE ch.tenant_id = x.tenant_id"
            + " AND ch.connection_id = x.connection_id AND ch.event_id = x.event_id"
            + " AND ch.status IN ('pending', 'waiting')) LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.connection_id = v.connection_id AND d.event_id = v.event_id";

    private static final String RESOLVED_ERRORS = "DELETE FROM record_errors d USING (SELECT x.id FROM record_errors x"
            + " WHERE x.tenant_id = ? AND x.status IN ('resolved', 'ignored') AND x.closed_at < ? LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.id = v.id";

    private static final String PLATFORM_EVENTS = "DELETE FROM platform_events d USING (SELECT x.id FROM platform_events x"
            + " WHERE x.tenant_id = ? AND x.occurred_at < ? LIMIT ?) v WHERE d.tenant_id = ? AND d.id = v.id";

    private static final String RESOLVED_ALERTS = "DELETE FROM alerts d USING (SELECT x.id FROM alerts x"
            + " WHERE x.tenant_id = ? AND x.status = 'resolved' AND x.resolved_at < ? LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.id = v.id";

    private static final String SOURCE_ACTIVITY = "DELETE FROM source_activity d USING (SELECT x.integration_id,"
            + " x.location, x.hour FROM source_activity x WHERE x.tenant_id = ? AND x.hour < ? LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.integration_id = v.integration_id AND d.location = v.location"
            + " AND d.hour = v.hour";

    // A pending delivery stays, however old: it is still being sent.
    private static final String OUTBOUND_DELIVERIES = "DELETE FROM webhook_deliveries d USING (SELECT x.id"
            + " FROM webhook_deliveries x WHERE x.tenant_id = ? AND x.status <> 'pending' AND x.created_at < ? LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.id = v.id";

    private static final String EXPIRED_INVITATIONS = "DELETE FROM invitations d USING (SELECT x.id FROM invitations x"
            + " WHERE x.tenant_id = ? AND x.accepted_at IS NULL AND x.expires_at < ? LIMIT ?) v"
            + " WHERE d.tenant_id = ? AND d.id = v.id";

    private static final String IDEMPOTENCY_KEYS = "DELETE FROM idempotency_records d USING (SELECT x.scope, x.key"
            + " FROM idempotency_records x WHERE x.created_at < ? LIMIT ?) v WHERE d.scope = v.scope AND d.key = v.key";

    private static final String EXPIRED_REFRESH_TOKENS = "DELETE FROM refresh_tokens d USING (SELECT x.id"
            + " FROM refresh_tokens x WHERE x.expires_at < ? LIMIT ?) v WHERE d.id = v.id";

    private static final String EXPIRED_EMAIL_TOKENS = "DELETE FROM email_tokens d USING (SELECT x.id"
            + " FROM email_tokens x WHERE x.expires_at < ? LIMIT ?) v WHERE d.id = v.id";

    private static final String EXPIRED_IMPERSONATIONS = "DELETE FROM impersonations d USING (SELECT x.id"
            + " FROM impersonations x WHERE x.expires_at < ? LIMIT ?) v WHERE d.id = v.id";

    private RetentionRows() {
    }

    /** Ids of all tenants after {@code after} (null: from the first), at most {@code limit}, by id. */
    public static List<UUID> tenants(Connection c, UUID after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(after == null
                ? "SELECT id FROM tenants ORDER BY id LIMIT ?" : "SELECT id FROM tenants WHERE id > ? ORDER BY id LIMIT ?")) {
            int i = 1;
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, limit);
            List<UUID> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        }
    }

    /** Deletes one batch of a tenant kind, in the caller's transaction of {@code tenant}. */
    public static int purgeTenantBatch(Connection c, PurgeKind kind, UUID tenant, Instant cutoff, int limit)
            throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        return switch (kind) {
            case RUN_RECORDS -> Sql.update(c, RUN_RECORDS, tenant, before, before, limit, tenant);
            case SHADOW_CHANGES -> Sql.update(c, SHADOW_CHANGES, tenant, before, before, limit, tenant);
            case RUN_EVENTS -> Sql.update(c, RUN_EVENTS, tenant, before, before, limit, tenant);
            case WEBHOOK_EVENTS -> Sql.update(c, WEBHOOK_EVENTS, tenant, before, limit, tenant);
            case VENDOR_HOOK_CHANGES -> Sql.update(c, VENDOR_HOOK_CHANGES, tenant, before, limit, tenant);
            case VENDOR_HOOK_EVENTS -> Sql.update(c, VENDOR_HOOK_EVENTS, tenant, before, limit, tenant);
            case RESOLVED_ERRORS -> Sql.update(c, RESOLVED_ERRORS, tenant, before, limit, tenant);
            case EXPIRED_INVITATIONS -> Sql.update(c, EXPIRED_INVITATIONS, tenant, before, limit, tenant);
            case PLATFORM_EVENTS -> Sql.update(c, PLATFORM_EVENTS, tenant, before, limit, tenant);
            case OUTBOUND_DELIVERIES -> Sql.update(c, OUTBOUND_DELIVERIES, tenant, before, limit, tenant);
            case SOURCE_ACTIVITY -> Sql.update(c, SOURCE_ACTIVITY, tenant, before, limit, tenant);
            case RESOLVED_ALERTS -> Sql.update(c, RESOLVED_ALERTS, tenant, before, limit, tenant);
            default -> throw new IllegalArgumentException(kind + " is not a tenant kind");
        };
    }

    /** Deletes one batch of a platform kind, in the caller's platform transaction. */
    public static int purgePlatformBatch(Connection c, PurgeKind kind, Instant cutoff, int limit) throws SQLException {
        Timestamp before = Timestamp.from(cutoff);
        return switch (kind) {
            case IDEMPOTENCY_KEYS -> Sql.update(c, IDEMPOTENCY_KEYS, before, limit);
            case EXPIRED_REFRESH_TOKENS -> Sql.update(c, EXPIRED_REFRESH_TOKENS, before, limit);
            case EXPIRED_EMAIL_TOKENS -> Sql.update(c, EXPIRED_EMAIL_TOKENS, before, limit);
            case EXPIRED_IMPERSONATIONS -> Sql.update(c, EXPIRED_IMPERSONATIONS, before, limit);
            default -> throw new IllegalArgumentException(kind + " is not a platform kind");
        };
    }
}
