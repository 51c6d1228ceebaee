package io.tillbridge.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation enforced by PostgreSQL itself: hand-written SQL through the application role,
 * with no application code in between.
 */
class RowLevelSecurityIT {

    private static final TestDatabase DB = TestDatabase.shared();
    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();
    private static final UUID LOCATION_B = UUID.randomUUID();

    @BeforeAll
    static void two_tenants_with_one_location_each() throws SQLException {
        try (Connection c = DB.owner().connect()) {
            c.setAutoCommit(false);
            for (UUID tenant : List.of(TENANT_A, TENANT_B)) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?)")) {
                    ps.setObject(1, tenant);
                    ps.setString(2, "t-" + tenant.toString().substring(0, 8));
                    ps.setString(3, "Tenant " + tenant);
                    ps.executeUpdate();
                }
            }
            setTenant(c, TENANT_A);
            insertLocation(c, TENANT_A, UUID.randomUUID(), "A main street");
            c.commit();
            setTenant(c, TENANT_B);
            insertLocation(c, TENANT_B, LOCATION_B, "B harbour");
            c.commit();
        }
    }

    @Test
    void with_no_tenant_set_a_tenant_table_shows_no_rows() throws SQLException {
        try (Connection c = DB.app().connect()) {
            assertThat(count(c, "SELECT count(*) FROM locations")).isZero();
        }
    }

    @Test
    void the_owner_sees_no_rows_either_because_row_security_is_forced() throws SQLException {
        try (Connection c = DB.owner().connect()) {
            assertThat(count(c, "SELECT count(*) FROM locations")).isZero();
        }
    }

    @Test
    void a_tenant_sees_only_its_own_rows() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            assertThat(strings(c, "SELECT name FROM locations")).containsExactly("A main street");
            c.rollback();
        }
    }

    @Test
    void tenant_a_cannot_read_tenant_b_rows_even_by_key() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            assertThat(count(c, "SELECT count(*) FROM locations WHERE tenant_id = '" + TENANT_B
                    + "' AND id = '" + LOCATION_B + "'")).isZero();
            c.rollback();
        }
    }

    @Test
    void tenant_a_cannot_update_tenant_b_rows() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE locations SET name = 'stolen' WHERE id = '" + LOCATION_B + "'"))
                        .isZero();
                assertThat(s.executeUpdate("UPDATE locations SET name = 'stolen'")).isEqualTo(1);
            }
            c.rollback();
        }
        assertThat(nameOfLocationB()).isEqualTo("B harbour");
    }

    @Test
    void tenant_a_cannot_move_its_row_into_tenant_b() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE locations SET tenant_id = '" + TENANT_B + "'"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("row-level security");
            }
            c.rollback();
        }
    }

    @Test
    void tenant_a_cannot_delete_tenant_b_rows() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("DELETE FROM locations WHERE tenant_id = '" + TENANT_B + "'")).isZero();
            }
            c.commit();
        }
        assertThat(nameOfLocationB()).isEqualTo("B harbour");
    }

    @Test
    void tenant_a_cannot_insert_a_row_for_tenant_b() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            assertThatThrownBy(() -> insertLocation(c, TENANT_B, UUID.randomUUID(), "planted"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            c.rollback();
        }
    }

    @Test
    void the_tenant_setting_ends_with_the_transaction() throws SQLException {
        try (Connection c = DB.app().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_A);
            assertThat(count(c, "SELECT count(*) FROM locations")).isEqualTo(1);
            c.commit();
            assertThat(count(c, "SELECT count(*) FROM locations")).isZero();
            c.commit();
        }
    }

    @Test
    void the_application_role_cannot_switch_row_security_off() throws SQLException {
        try (Connection c = DB.app().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE locations NO FORCE ROW LEVEL SECURITY"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("ALTER TABLE locations DISABLE ROW LEVEL SECURITY"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("SET row_security = off; SELECT count(*) FROM locations"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
        }
    }

    @Test
    void the_application_role_owns_nothing() throws SQLException {
        try (Connection c = DB.owner().connect()) {
            List<String> owned = strings(c, "SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
                    + " WHERE r.rolname = '" + DatabaseRoles.DEFAULT_APP + "'");
            assertThat(owned).isEmpty();
        }
    }

    @Test
    void the_audit_log_is_append_only_for_the_application_role() throws SQLException {
        try (Connection c = DB.app().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO audit_log (actor_kind, action) VALUES ('system', 'test.append')");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET action = 'rewritten'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void the_audit_log_is_append_only_even_for_the_owner() throws SQLException {
        try (Connection c = DB.owner().connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO audit_log (actor_kind, action) VALUES ('system', 'test.owner')");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET action = 'rewritten'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    @Test
    void every_table_with_a_tenant_id_has_forced_row_security_and_leads_its_key_with_tenant_id()
            throws SQLException {
        List<String> platformTables = List.of("audit_log", "memberships", "partner_grants", "impersonations",
                "demo_tenant", "run_queue", "webhook_routes", "oauth_state_routes", "vendor_hook_lookup", "connect_link_routes", "webhook_subscribers", "webhook_queue", "qrtz_job_details",
                "qrtz_triggers", "qrtz_simple_triggers",
                "qrtz_cron_triggers", "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_calendars",
                "qrtz_paused_trigger_grps", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks");
        try (Connection c = DB.owner().connect()) {
            List<String> tenantTables = strings(c, "SELECT c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped"
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1");
            tenantTables.removeAll(platformTables);
            assertThat(tenantTables).isNotEmpty();
            for (String table : tenantTables) {
                assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname = '" + table
                        + "' AND relrowsecurity AND relforcerowsecurity")).as("RLS forced on %s", table).isEqualTo(1);
                assertThat(count(c, "SELECT count(*) FROM pg_policies WHERE tablename = '" + table
                        + "' AND qual LIKE '%app_current_tenant()%' AND with_check LIKE '%app_current_tenant()%'"))
                        .as("tenant policy on %s", table).isGreaterThanOrEqualTo(1);
                assertThat(strings(c, "SELECT a.attname FROM pg_index i"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                        + " WHERE i.indrelid = '" + table + "'::regclass"))
                        .as("every index of %s leads with tenant_id", table)
                        .isNotEmpty().allMatch("tenant_id"::equals);
            }
        }
    }

    private static String nameOfLocationB() throws SQLException {
        try (Connection c = DB.owner().connect()) {
            c.setAutoCommit(false);
            setTenant(c, TENANT_B);
            List<String> names = strings(c, "SELECT name FROM locations WHERE id = '" + LOCATION_B + "'");
            c.rollback();
            return names.isEmpty() ? null : names.get(0);
        }
    }

    private static void setTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }

    private static void insertLocation(Connection c, UUID tenant, UUID id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO locations (tenant_id, id, name, time_zone) VALUES (?, ?, ?, 'Europe/Paris')")) {
            ps.setObject(1, tenant);
            ps.setObject(2, id);
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
