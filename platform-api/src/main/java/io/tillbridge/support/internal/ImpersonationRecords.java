package io.tillbridge.support.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.support.Impersonation;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Impersonation sessions (a platform table), with their tenant's slug and name. */
@Singleton
public class ImpersonationRecords {

    private static final String SELECT = "SELECT i.id, i.tenant_id, t.slug, t.name, i.support_user_id, i.reason,"
            + " i.started_at, i.expires_at, i.write_confirmed_at, i.ended_at"
            + " FROM impersonations i JOIN tenants t ON t.id = i.tenant_id";

    /** Where a page of sessions ends: the last one's start time and id. */
    public record Position(Instant startedAt, UUID id) {
    }

    public void insert(Connection c, UUID id, UUID supportUser, TenantId tenant, String reason, Instant startedAt,
            Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO impersonations"
                + " (id, support_user_id, tenant_id, reason, started_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, supportUser);
            ps.setObject(3, tenant.value());
            ps.setString(4, reason);
            ps.setObject(5, Sql.timestamp(startedAt));
            ps.setObject(6, Sql.timestamp(expiresAt));
            ps.executeUpdate();
        }
    }

    /** The session, locked until the transaction ends so that confirm and end do not race. */
    public Optional<Impersonation> lock(Connection c, UUID id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE i.id = ? FOR UPDATE OF i")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(impersonation(rs, now)) : Optional.empty();
            }
        }
    }

    public void confirmWrite(Connection c, UUID id, Instant at) throws SQLException {
        update(c, "UPDATE impersonations SET write_confirmed_at = ? WHERE id = ? AND write_confirmed_at IS NULL", id, at);
    }

    public void end(Connection c, UUID id, Instant at) throws SQLException {
        update(c, "UPDATE impersonations SET ended_at = ? WHERE id = ? AND ended_at IS NULL", id, at);
    }

    /**
     * A support user's sessions, newest first: all of them, only live ones ({@code active} true),
     * or only ended or expired ones ({@code active} false).
     */
    public List<Impersonation> ofSupportUser(Connection c, UUID supportUser, Boolean active, Instant now,
            Optional<Position> after, int fetch) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE i.support_user_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(supportUser);
        if (active != null) {
            sql.append(active ? " AND i.ended_at IS NULL AND i.expires_at > ?"
                    : " AND (i.ended_at IS NOT NULL OR i.expires_at <= ?)");
            params.add(Sql.timestamp(now));
        }
        if (after.isPresent()) {
            sql.append(" AND (i.started_at, i.id) < (?, ?)");
            params.add(Sql.timestamp(after.get().startedAt()));
            params.add(after.get().id());
        }
        sql.append(" ORDER BY i.started_at DESC, i.id DESC LIMIT ?");
        params.add(fetch);
        return Sql.list(c, sql.toString(), rs -> impersonation(rs, now), params.toArray());
    }

    private static void update(Connection c, String sql, UUID id, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Sql.timestamp(at));
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    private static Impersonation impersonation(ResultSet rs, Instant now) throws SQLException {
        Instant expiresAt = Sql.instant(rs, 8);
        Instant writeConfirmedAt = Sql.instant(rs, 9);
        Instant endedAt = Sql.instant(rs, 10);
        return new Impersonation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), Sql.instant(rs, 7), expiresAt,
                writeConfirmedAt, endedAt, endedAt == null && expiresAt.isAfter(now), writeConfirmedAt != null);
    }
}
