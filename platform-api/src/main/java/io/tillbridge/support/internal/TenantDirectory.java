package io.tillbridge.support.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.support.TenantDetail;
import io.tillbridge.support.TenantSearch;
import io.tillbridge.support.TenantState;
import io.tillbridge.support.TenantSummary;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenants as support staff see them: platform tables (tenants, memberships, users, partners,
 * partner grants, audit log), and the count of the tenant's locations, which row-level security
 * shows only inside that tenant's transaction.
 */
@Singleton
public class TenantDirectory {

    /** A search hit and its sort key, from which the next page's cursor is made. */
    public record Found(TenantSummary tenant, String sortKey) {
    }

    /** Where a search page ends: the last hit's sort key (lower-case name) and id. */
    public record Position(String sortKey, UUID id) {
    }

    /** The tenants matching {@code search}, by lower-case name then id, after {@code after}. */
    public List<Found> search(Connection c, TenantSearch search, Optional<Position> after, int fetch)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT t.id, t.slug, t.name, t.plan, t.status, t.suspended_at,"
                + " t.created_at, (SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id), lower(t.name)"
                + " FROM tenants t WHERE true");
        List<Object> params = new ArrayList<>();
        if (search.text() != null) {
            String pattern = "%" + likeEscaped(search.text()) + "%";
            sql.append(" AND (t.name ILIKE ? ESCAPE '\\' OR t.slug ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1"
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " WHERE m.tenant_id = t.id AND u.email ILIKE ? ESCAPE '\\'))");
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if (search.status() != null) {
            sql.append(" AND t.status = ?");
            params.add(search.status());
        }
        if (after.isPresent()) {
            sql.append(" AND (lower(t.name), t.id) > (?, ?)");
            params.add(after.get().sortKey());
            params.add(after.get().id());
        }
        sql.append(" ORDER BY lower(t.name), t.id LIMIT ?");
        params.add(fetch);
        return Sql.list(c, sql.toString(), rs -> new Found(new TenantSummary(Sql.uuid(rs, 1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), Sql.instant(rs, 6), rs.getLong(8), Sql.instant(rs, 7)),
                rs.getString(9)), params.toArray());
    }

    /** The tenant's own row: identity, plan, status. */
    public record TenantRow(UUID id, String slug, String name, String plan, TenantState state, Instant createdAt) {
    }

    public Optional<TenantRow> find(Connection c, TenantId tenant) throws SQLException {
        return tenant(c, tenant, "");
    }

    /** The tenant's row, locked until the transaction ends, to change its status. */
    public Optional<TenantRow> lock(Connection c, TenantId tenant) throws SQLException {
        return tenant(c, tenant, " FOR UPDATE");
    }

    private static Optional<TenantRow> tenant(Connection c, TenantId tenant, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, slug, name, plan, status, suspended_at,"
                + " suspended_reason, created_at FROM tenants WHERE id = ?" + lock)) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TenantRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), new TenantState(tenant.value(), rs.getString(5), Sql.instant(rs, 6), rs.getString(7)),
                        Sql.instant(rs, 8)));
            }
        }
    }

    /** Sets the tenant's status; the reason and time are kept only while it is suspended. */
    public void setState(Connection c, TenantState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tenants SET status = ?, suspended_at = ?, suspended_reason = ? WHERE id = ?")) {
            ps.setString(1, state.status());
            ps.setObject(2, state.suspendedAt() == null ? null : state.suspendedAt().atOffset(ZoneOffset.UTC));
            ps.setString(3, state.suspendedReason());
            ps.setObject(4, state.tenantId());
            ps.executeUpdate();
        }
    }

    /** Whether the tenant exists and is active. */
    public boolean isActive(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status = 'active' FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The tenant's members, owners first, then by e-mail address. */
    public List<TenantDetail.Member> members(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.id, u.email, u.display_name, m.role,"
                + " u.email_verified_at IS NOT NULL, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id"
                + " WHERE m.tenant_id = ? ORDER BY array_position(ARRAY['owner', 'admin', 'operator', 'viewer'], m.role),"
                + " lower(u.email)")) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                List<TenantDetail.Member> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TenantDetail.Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5), Sql.instant(rs, 6)));
                }
                return out;
            }
        }
    }

    /**
     * The tenant's integrations, oldest first. Must run inside {@code tenant}'s transaction:
     * integrations are under row-level security.
     */
    public List<TenantDetail.IntegrationSummary> integrations(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, source_stream, target_object, mode, status,"
                + " created_at FROM integrations WHERE tenant_id = ? ORDER BY created_at, id")) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                List<TenantDetail.IntegrationSummary> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TenantDetail.IntegrationSummary(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), Sql.instant(rs, 7)));
                }
                return out;
            }
        }
    }

    /** The partners the tenant granted access, newest grant first, revoked ones included. */
    public List<TenantDetail.PartnerGrant> partnerGrants(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.name, g.granted_at, g.revoked_at"
                + " FROM partner_grants g JOIN partners p ON p.id = g.partner_id"
                + " WHERE g.tenant_id = ? ORDER BY g.granted_at DESC, p.id")) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                List<TenantDetail.PartnerGrant> out = new ArrayList<>();
                while (rs.next()) {
                    Instant revoked = Sql.instant(rs, 4);
                    out.add(new TenantDetail.PartnerGrant(rs.getObject(1, UUID.class), rs.getString(2), Sql.instant(rs, 3),
                            revoked, revoked == null));
                }
                return out;
            }
        }
    }

    /**
     * The health summary. Must run inside {@code tenant}'s transaction: locations are under
     * row-level security.
     */
    public TenantDetail.Health health(Connection c, TenantId tenant, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT"
                + " (SELECT count(*) FROM memberships WHERE tenant_id = ?),"
                + " (SELECT count(*) FROM locations WHERE tenant_id = ?),"
                + " count(*) FILTER (WHERE a.occurred_at >= ?), max(a.occurred_at)"
                + " FROM audit_log a WHERE a.tenant_id = ?"
                + " AND a.action NOT LIKE 'support.%' AND a.action NOT LIKE 'security.%'")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, tenant.value());
            ps.setObject(3, since.atOffset(ZoneOffset.UTC));
            ps.setObject(4, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TenantDetail.Health(rs.getLong(1), rs.getLong(2), rs.getLong(3), Sql.instant(rs, 4));
            }
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
