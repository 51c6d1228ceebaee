package io.tillbridge.partners.internal;

import io.tillbridge.partners.GrantedTenant;
import io.tillbridge.partners.ListPosition;
import io.tillbridge.partners.PartnerGrant;
import io.tillbridge.platform.internal.Sql;
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

/**
 * SQL on {@code partner_grants}, a platform table: which partners a tenant let in. A revoked grant
 * keeps its row (with {@code revoked_at}) until the tenant grants the partner access again.
 */
@Singleton
public class PartnerGrantRepository {

    private static final String GRANT_COLUMNS = "g.partner_id, p.name AS partner_name, g.granted_by, g.granted_at";

    /**
     * Grants {@code partnerId} access to the tenant, or grants it again after a revocation.
     *
     * @return true when this call created or renewed the grant, false when it was already live
     */
    public boolean grant(Connection c, TenantId tenant, UUID partnerId, UUID grantedBy, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partner_grants (tenant_id, partner_id, granted_by,"
                + " granted_at) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, partner_id) DO UPDATE"
                + " SET granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at, revoked_at = NULL"
                + " WHERE partner_grants.revoked_at IS NOT NULL")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, partnerId);
            ps.setObject(3, grantedBy);
            Sql.bind(ps, 4, at);
            return ps.executeUpdate() == 1;
        }
    }

    /** Revokes the live grant; false when there is none. */
    public boolean revoke(Connection c, TenantId tenant, UUID partnerId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE partner_grants SET revoked_at = ?"
                + " WHERE tenant_id = ? AND partner_id = ? AND revoked_at IS NULL")) {
            Sql.bind(ps, 1, at);
            ps.setObject(2, tenant.value());
            ps.setObject(3, partnerId);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<PartnerGrant> findLive(Connection c, TenantId tenant, UUID partnerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + GRANT_COLUMNS + " FROM partner_grants g"
                + " JOIN partners p ON p.id = g.partner_id"
                + " WHERE g.tenant_id = ? AND g.partner_id = ? AND g.revoked_at IS NULL")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, partnerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(grant(rs)) : Optional.empty();
            }
        }
    }

    /** Up to {@code max} live grants of the tenant after {@code after}, oldest first. */
    public List<PartnerGrant> listLive(Connection c, TenantId tenant, Optional<ListPosition> after, int max)
            throws SQLException {
        String sql = "SELECT " + GRANT_COLUMNS + " FROM partner_grants g JOIN partners p ON p.id = g.partner_id"
                + " WHERE g.tenant_id = ? AND g.revoked_at IS NULL"
                + (after.isPresent() ? " AND (g.granted_at, g.partner_id) > (?, ?)" : "")
                + " ORDER BY g.granted_at, g.partner_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, tenant.value());
            if (after.isPresent()) {
                Sql.bind(ps, i++, after.get().at());
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, max);
            List<PartnerGrant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(grant(rs));
                }
            }
            return out;
        }
    }

    /** Up to {@code max} tenants with a live grant to {@code partnerId} after {@code after}, oldest grant first. */
    public List<GrantedTenant> grantedTenants(Connection c, UUID partnerId, Optional<ListPosition> after, int max)
            throws SQLException {
        String sql = "SELECT t.id, t.slug, t.name, t.status, g.granted_at FROM partner_grants g"
                + " JOIN tenants t ON t.id = g.tenant_id WHERE g.partner_id = ? AND g.revoked_at IS NULL"
                + (after.isPresent() ? " AND (g.granted_at, g.tenant_id) > (?, ?)" : "")
                + " ORDER BY g.granted_at, g.tenant_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, partnerId);
            if (after.isPresent()) {
                Sql.bind(ps, i++, after.get().at());
                ps.setObject(i++, after.get().id());
            }
            ps.setInt(i, max);
            List<GrantedTenant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GrantedTenant(Sql.uuid(rs, "id"), rs.getString("slug"), rs.getString("name"),
                            rs.getString("status"), Sql.instant(rs, "granted_at")));
                }
            }
            return out;
        }
    }

    private static PartnerGrant grant(ResultSet rs) throws SQLException {
        return new PartnerGrant(Sql.uuid(rs, "partner_id"), rs.getString("partner_name"),
                Sql.uuid(rs, "granted_by"), Sql.instant(rs, "granted_at"));
    }
}
