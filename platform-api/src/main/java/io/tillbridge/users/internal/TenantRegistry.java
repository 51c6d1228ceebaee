package io.tillbridge.users.internal;

import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * SQL that creates a tenant at signup: its {@code tenants} row with a unique slug, and its
 * {@code tenant_settings} row (a tenant table: the transaction must be scoped to the new tenant).
 */
@Singleton
public class TenantRegistry {

    /**
     * Inserts the tenant under the first free slug derived from {@code base}: {@code base}, else
     * {@code base-N} with the lowest free N, else (when a concurrent signup took that one) random
     * suffixes. Conflicting inserts do nothing rather than fail, so the transaction stays usable.
     *
     * @return the slug the tenant got
     */
    public String insertTenant(Connection c, TenantId tenant, String name, String base) throws SQLException {
        if (tryInsert(c, tenant, name, base)) {
            return base;
        }
        String numbered = base + "-" + lowestFreeNumber(c, base);
        if (tryInsert(c, tenant, name, numbered)) {
            return numbered;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            String random = TenantSlugs.withRandomSuffix(base);
            if (tryInsert(c, tenant, name, random)) {
                return random;
            }
        }
        throw new IllegalStateException("No free slug could be found for '" + base + "'");
    }

    public void insertSettings(Connection c, TenantId tenant, String businessName, String currency) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenant_settings (tenant_id, business_name, currency) VALUES (?, ?, ?)")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, businessName);
            ps.setString(3, currency);
            ps.executeUpdate();
        }
    }

    private static boolean tryInsert(Connection c, TenantId tenant, String name, String slug) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, slug);
            ps.setString(3, name);
            return ps.executeUpdate() == 1;
        }
    }

    private static int lowestFreeNumber(Connection c, String base) throws SQLException {
        Set<String> taken = new HashSet<>();
        // Slugs hold only a-z, 0-9 and '-', so the base has no LIKE wildcards to escape.
        try (PreparedStatement ps = c.prepareStatement("SELECT slug FROM tenants WHERE slug LIKE ?")) {
            ps.setString(1, base + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
        }
        int n = 2;
        while (taken.contains(base + "-" + n)) {
            n++;
        }
        return n;
    }
}
