package io.tillbridge.tenants;

import io.tillbridge.access.TenantRole;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.testing.ApiClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds tenants, users and memberships straight into the shared test database as the owner role,
 * with random ids, slugs and addresses so that test classes never collide, and reads back what the
 * API wrote. Tenant-owned tables are under forced row-level security even for the owner:
 * {@link #inTenant} sets the tenant for a transaction first.
 */
public final class TenantFixture {

    private TenantFixture() {
    }

    /** A seeded user, enough to mint an access token. */
    public record User(UUID id, String email) implements ApiClient.Account {
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    /** A new active tenant named {@code name}, with a random slug and no settings row. */
    public static UUID newTenant(String name) {
        UUID id = UUID.randomUUID();
        platform(c -> update(c, "INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?)",
                id, "t-" + id.toString().substring(0, 13), name));
        return id;
    }

    /** A new user with a random address. */
    public static User newUser() {
        return newUser("user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test");
    }

    public static User newUser(String email) {
        UUID id = UUID.randomUUID();
        String name = email.substring(0, email.indexOf('@'));
        platform(c -> update(c, "INSERT INTO users (id, email, display_name, email_verified_at) VALUES (?, ?, ?, now())",
                id, email, name));
        return new User(id, email);
    }

    public static void addMember(UUID tenant, User user, TenantRole role) {
        platform(c -> update(c, "INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, ?)",
                tenant, user.id(), role.wire()));
    }

    /** A new user who is a member of {@code tenant} with {@code role}. */
    public static User newMember(UUID tenant, TenantRole role) {
        User user = newUser();
        addMember(tenant, user, role);
        return user;
    }

    /** The user's role in the tenant, or null when not a member. */
    public static String roleOf(UUID tenant, User user) {
        List<Map<String, Object>> rows = platform(c -> rows(c,
                "SELECT role FROM memberships WHERE tenant_id = ? AND user_id = ?", tenant, user.id()));
        return rows.isEmpty() ? null : (String) rows.get(0).get("role");
    }

    public static long owners(UUID tenant) {
        return platform(c -> (Long) rows(c, "SELECT count(*) AS n FROM memberships WHERE tenant_id = ? AND role = 'owner'",
                tenant).get(0).get("n"));
    }

    /** The tenant's audit entries with {@code action}, oldest first (before and after as JSON text). */
    public static List<Map<String, Object>> audit(UUID tenant, String action) {
        return platform(c -> rows(c, "SELECT actor_kind, actor_id, target_type, target_id, before::text AS before,"
                + " after::text AS after FROM audit_log WHERE tenant_id = ? AND action = ? ORDER BY id", tenant, action));
    }

    /** Runs {@code work} in a transaction of {@code tenant} (for tenant-owned tables) as the owner role. */
    public static <T> T inTenant(UUID tenant, Sql<T> work) {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                ps.setString(1, tenant.toString());
                ps.executeQuery().close();
            }
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} on platform tables (no row-level security) as the owner role, auto-committed. */
    public static <T> T platform(Sql<T> work) {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            return ps.executeUpdate();
        }
    }

    /** The rows of a query, each a map from lower-case column label to value. */
    public static List<Map<String, Object>> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
    }
}
