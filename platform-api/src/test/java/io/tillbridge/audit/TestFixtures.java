package io.tillbridge.audit;

import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.testing.ApiClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seeds tenants, users, memberships, partners, locations, impersonations and audit rows with SQL
 * as the owner role. Every name, slug and e-mail is random: all test classes of the JVM share the
 * database.
 */
public final class TestFixtures {

    public record Tenant(UUID id, String slug, String name) {
    }

    public record User(UUID id, String email) implements ApiClient.Account {
    }

    private TestFixtures() {
    }

    /** A short random token for names, slugs and e-mail addresses. */
    public static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static Tenant tenant(String name) {
        String suffix = random();
        Tenant tenant = new Tenant(UUID.randomUUID(), "t-" + suffix, name + " " + suffix);
        update("INSERT INTO tenants (id, slug, name, plan) VALUES (?, ?, ?, 'growth')", tenant.id(), tenant.slug(),
                tenant.name());
        return tenant;
    }

    public static User user(String name) {
        User user = new User(UUID.randomUUID(), name + "-" + random() + "@example.test");
        update("INSERT INTO users (id, email, display_name) VALUES (?, ?, ?)", user.id(), user.email(), name);
        return user;
    }

    /** A user with a platform role (support or superadmin). */
    public static User staff(String platformRole) {
        User user = new User(UUID.randomUUID(), "staff-" + random() + "@support.example.test");
        update("INSERT INTO users (id, email, platform_role, email_verified_at) VALUES (?, ?, ?, now())", user.id(),
                user.email(), platformRole);
        return user;
    }

    public static User member(Tenant tenant, String role) {
        User user = user(role);
        join(tenant, user, role);
        return user;
    }

    public static void join(Tenant tenant, User user, String role) {
        update("INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, ?)", tenant.id(), user.id(), role);
    }

    public static void verify(User user) {
        update("UPDATE users SET email_verified_at = now() WHERE id = ?", user.id());
    }

    /** A partner with an active grant to {@code tenant}; returns the partner's id. */
    public static UUID partnerGrant(Tenant tenant, String partnerName, boolean revoked) {
        UUID partner = UUID.randomUUID();
        update("INSERT INTO partners (id, name, contact_email) VALUES (?, ?, ?)", partner, partnerName,
                "partner-" + random() + "@example.test");
        update("INSERT INTO partner_grants (tenant_id, partner_id, revoked_at) VALUES (?, ?, "
                + (revoked ? "now()" : "NULL") + ")", tenant.id(), partner);
        return partner;
    }

    /** A location: a tenant-owned table, so inserted inside the tenant's scope. */
    /** An integration row of the tenant (its connections need not exist: integrations name them without keys). */
    public static UUID integration(Tenant tenant, String name, String mode) {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                ps.setString(1, tenant.id().toString());
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO integrations (tenant_id, id, name,"
                    + " source_connection_id, source_stream, target_connection_id, target_object, mode)"
                    + " VALUES (?, ?, ?, ?, 'orders', ?, 'pos_orders', ?)")) {
                ps.setObject(1, tenant.id());
                ps.setObject(2, id);
                ps.setString(3, name);
                ps.setObject(4, UUID.randomUUID());
                ps.setObject(5, UUID.randomUUID());
                ps.setString(6, mode);
                ps.executeUpdate();
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void location(Tenant tenant, String name) {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                ps.setString(1, tenant.id().toString());
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO locations (tenant_id, id, name, time_zone) VALUES (?, ?, ?, 'Europe/Berlin')")) {
                ps.setObject(1, tenant.id());
                ps.setObject(2, UUID.randomUUID());
                ps.setString(3, name);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An audit row recorded at {@code occurredAt}; returns its id. */
    public static long auditRow(Tenant tenant, String actorKind, String actorId, String action, String targetType,
            String targetId, Instant occurredAt, String beforeJson, String afterJson) {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (tenant_id, actor_kind, actor_id,"
                        + " action, target_type, target_id, occurred_at, before, after)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING id")) {
            ps.setObject(1, tenant == null ? null : tenant.id());
            ps.setString(2, actorKind);
            ps.setString(3, actorId);
            ps.setString(4, action);
            ps.setString(5, targetType);
            ps.setString(6, targetId);
            ps.setObject(7, occurredAt.atOffset(ZoneOffset.UTC));
            ps.setString(8, beforeJson);
            ps.setString(9, afterJson);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An impersonation row as the support console would write it; returns its id. */
    public static UUID impersonation(User support, Tenant tenant, Instant startedAt, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO impersonations (id, support_user_id, tenant_id, reason, started_at, expires_at)"
                + " VALUES (?, ?, ?, 'seeded for a test', ?, ?)", id, support.id(), tenant.id(),
                startedAt.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC));
        return id;
    }

    public static void update(String sql, Object... params) {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query as lists of strings (NULL as null). */
    public static List<List<String>> rows(String sql, Object... params) {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> out = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
