package io.tillbridge.audit.internal;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Appends to and reads the audit log: newest first, keyed by (occurred_at, id). The table is append-only. */
@Singleton
public class AuditEntries {

    private static final String COLUMNS = "SELECT id, tenant_id, occurred_at, actor_kind, actor_id, actor_label,"
            + " on_behalf_of, action, target_type, target_id, before::text, after::text FROM audit_log";
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper json;

    public AuditEntries(JsonMapper json) {
        this.json = json;
    }

    /** Where a page ends: the last entry's time and id. */
    public record Position(Instant occurredAt, long id) {
    }

    /** Up to {@code fetch} entries matching {@code filter}, older than {@code after} when given. */
    public List<AuditEntry> find(Connection c, AuditFilter filter, Optional<Position> after, int fetch)
            throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.tenantId() != null) {
            sql.append(" AND tenant_id = ?");
            params.add(filter.tenantId());
        }
        if (filter.action() != null) {
            if (filter.action().endsWith("*")) {
                sql.append(" AND action LIKE ? ESCAPE '\\'");
                params.add(likeEscaped(filter.action().substring(0, filter.action().length() - 1)) + "%");
            } else {
                sql.append(" AND action = ?");
                params.add(filter.action());
            }
        }
        equal(sql, params, "actor_kind", filter.actorKind());
        equal(sql, params, "actor_id", filter.actorId());
        equal(sql, params, "target_type", filter.targetType());
        equal(sql, params, "target_id", filter.targetId());
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(filter.to());
        }
        if (after.isPresent()) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
            params.add(after.get().occurredAt());
            params.add(after.get().id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        params.add(fetch);
        return Sql.list(c, sql.toString(), this::entry, params.toArray());
    }

    /** One of {@code tenant}'s entries. */
    public Optional<AuditEntry> one(Connection c, TenantId tenant, long id) throws SQLException {
        return Sql.first(c, COLUMNS + " WHERE tenant_id = ? AND id = ?", this::entry, tenant.value(), id);
    }

    /**
     * Appends one entry, done by {@code actor} in {@code tenant} (null for platform-wide events);
     * {@code before} and {@code after} are JSON objects or null.
     *
     * @return the id of the new entry
     */
    public static long append(Connection c, TenantId tenant, Actor actor, String action, String targetType,
            String targetId, String before, String after) throws SQLException {
        return Sql.first(c, "INSERT INTO audit_log (tenant_id, actor_kind, actor_id, on_behalf_of, action,"
                + " target_type, target_id, before, after, actor_label)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) RETURNING id", rs -> rs.getLong(1),
                tenant == null ? null : tenant.value(), actor.kindWire(), actor.id(), actor.onBehalfOf(), action,
                targetType, targetId, before, after, actor.label()).orElseThrow();
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), Sql.uuid(rs, 2), Sql.instant(rs, 3),
                new AuditEntry.ActorInfo(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                rs.getString(8), rs.getString(9), rs.getString(10), object(rs.getString(11)), object(rs.getString(12)));
    }

    private Map<String, Object> object(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, JSON_OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException("An audit entry holds JSON that is not an object", e);
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
