package io.tillbridge.ratelimits.internal;

import io.tillbridge.access.Caller;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a tenant's plan, but only for a caller that reaches the tenant: a member, a partner with a
 * live grant, or a support user impersonating it. Whether the caller may act there is still
 * {@code TenantAccess}'s decision; this only keeps callers from spending other tenants' quota.
 */
@Singleton
public class TenantPlanRepository {

    public Optional<String> planReachedBy(Connection c, TenantId tenant, Caller caller) throws SQLException {
        String sql;
        UUID who;
        if (caller instanceof Caller.User user) {
            sql = "SELECT t.plan FROM tenants t JOIN memberships m ON m.tenant_id = t.id WHERE t.id = ? AND m.user_id = ?";
            who = user.userId();
        } else if (caller instanceof Caller.Partner partner) {
            sql = "SELECT t.plan FROM tenants t JOIN partner_grants g ON g.tenant_id = t.id"
                    + " WHERE t.id = ? AND g.partner_id = ? AND g.revoked_at IS NULL";
            who = partner.partnerId();
        } else {
            Caller.Support support = (Caller.Support) caller;
            sql = "SELECT t.plan FROM tenants t WHERE t.id = ? AND t.id = ?";
            who = support.tenant().value();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, who);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
