package io.tillbridge.access.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What admission to a tenant reads: the tenant's status, a user's membership, a partner's grant, a
 * support user's impersonation. Runs in a transaction without a tenant (platform tables).
 */
public final class AccessRows {

    private AccessRows() {
    }

    /** The tenant's status, if the tenant exists. */
    public static Optional<String> tenantStatus(Connection c, TenantId tenant) throws SQLException {
        return Sql.first(c, "SELECT status FROM tenants WHERE id = ?", rs -> rs.getString(1), tenant.value());
    }

    /** The role of {@code user} in {@code tenant}, in its wire form, if the user is a member. */
    public static Optional<String> memberRole(Connection c, UUID user, TenantId tenant) throws SQLException {
        return Sql.first(c, "SELECT role FROM memberships WHERE tenant_id = ? AND user_id = ?", rs -> rs.getString(1),
                tenant.value(), user);
    }

    /** Whether {@code partner} holds a live grant on {@code tenant}. */
    public static boolean granted(Connection c, UUID partner, TenantId tenant) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM partner_grants WHERE tenant_id = ? AND partner_id = ? AND revoked_at IS NULL",
                rs -> Boolean.TRUE, tenant.value(), partner).isPresent();
    }

    /** The partner's name, if the partner exists. */
    public static Optional<String> partnerName(Connection c, UUID partner) throws SQLException {
        return Sql.first(c, "SELECT name FROM partners WHERE id = ?", rs -> rs.getString(1), partner);
    }

    /**
     * Whether a live (not ended, not expired at {@code now}) impersonation has write access
     * confirmed; empty when there is no such impersonation.
     */
    public static Optional<Boolean> impersonationWriteConfirmed(Connection c, UUID impersonation, TenantId tenant,
            UUID supportUser, Instant now) throws SQLException {
        return Sql.first(c, "SELECT write_confirmed_at IS NOT NULL FROM impersonations WHERE id = ? AND tenant_id = ?"
                + " AND support_user_id = ? AND ended_at IS NULL AND expires_at > ?", rs -> rs.getBoolean(1),
                impersonation, tenant.value(), supportUser, now);
    }

    /** The ids of the tenants a user is a member of, as text, in order. */
    public static List<String> memberTenants(Connection c, UUID user) throws SQLException {
        return Sql.list(c, "SELECT tenant_id::text FROM memberships WHERE user_id = ? ORDER BY 1",
                rs -> rs.getString(1), user);
    }

    /** The ids of the tenants a partner holds live grants on, as text, in order. */
    public static List<String> grantedTenants(Connection c, UUID partner) throws SQLException {
        return Sql.list(c, "SELECT tenant_id::text FROM partner_grants WHERE partner_id = ? AND revoked_at IS NULL ORDER BY 1",
                rs -> rs.getString(1), partner);
    }
}
