package io.tillbridge.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The platform's single place for the tenant of a transaction, through the real connection pool
 * (one connection, so every transaction reuses the previous one's session).
 */
@MicronautTest(startApplication = false, transactional = false)
class TenantTransactionsIT extends TestDatabaseProperties {

    @Inject
    TenantTransactions tenants;

    @Inject
    TransactionOperations<Connection> transactions;

    private final TenantId a = TenantId.random();
    private final TenantId b = TenantId.random();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.maximum-pool-size", "1", "datasources.default.minimum-idle", "1");
    }

    @BeforeAll
    void two_tenants() throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            for (TenantId t : List.of(a, b)) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (id, slug, name) VALUES (?, ?, ?)")) {
                    ps.setObject(1, t.value());
                    ps.setString(2, "tx-" + t.toString().substring(0, 8));
                    ps.setString(3, "Tenant " + t);
                    ps.executeUpdate();
                }
            }
        }
    }

    @Test
    void a_pooled_connection_reused_right_after_tenant_a_sees_nothing_of_a() {
        int pidInA = tenants.write(a, c -> {
            insertLocation(c, a, "A shop");
            return backendPid(c);
        });
        int pidAfter = transactions.executeRead(status -> {
            Connection c = status.getConnection();
            assertThat(count(c, "SELECT count(*) FROM locations")).isZero();
            assertThat(string(c, "SELECT coalesce(current_setting('app.tenant_id', true), '')")).isEmpty();
            return backendPid(c);
        });
        assertThat(pidAfter).as("the same pooled session").isEqualTo(pidInA);
    }

    @Test
    void tenant_b_on_the_same_connection_sees_only_its_own_rows() {
        tenants.write(a, c -> insertLocation(c, a, "A only"));
        tenants.write(b, c -> insertLocation(c, b, "B only"));
        List<String> seenByB = tenants.read(b, c -> strings(c, "SELECT name FROM locations"));
        assertThat(seenByB).contains("B only").doesNotContain("A only", "A shop");
    }

    @Test
    void work_for_another_tenant_cannot_join_a_tenant_transaction() {
        assertThatThrownBy(() -> tenants.write(a, c -> tenants.write(b, inner -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be joined");
    }

    @Test
    void a_failed_tenant_transaction_rolls_back_and_leaves_no_tenant_behind() {
        String name = "rolled back " + UUID.randomUUID();
        assertThatThrownBy(() -> tenants.write(a, c -> {
            insertLocation(c, a, name);
            throw new SQLException("boom");
        }));
        List<String> namesOfA = tenants.read(a, c -> strings(c, "SELECT name FROM locations"));
        assertThat(namesOfA).doesNotContain(name);
        long visibleWithoutTenant = transactions.executeRead(s -> count(s.getConnection(), "SELECT count(*) FROM locations"));
        assertThat(visibleWithoutTenant).isZero();
    }

    @Test
    void log_lines_inside_a_tenant_transaction_carry_the_tenant() {
        assertThat(MDC.get(TenantTransactions.MDC_KEY)).isNull();
        String seen = tenants.read(a, c -> MDC.get(TenantTransactions.MDC_KEY));
        assertThat(seen).isEqualTo(a.toString());
        assertThat(MDC.get(TenantTransactions.MDC_KEY)).isNull();
    }

    private static Void insertLocation(Connection c, TenantId tenant, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO locations (tenant_id, id, name, time_zone) VALUES (?, ?, ?, 'America/New_York')")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, name);
            ps.executeUpdate();
        }
        return null;
    }

    private static int backendPid(Connection c) throws SQLException {
        return (int) count(c, "SELECT pg_backend_pid()");
    }

    private static long count(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(Connection c, String sql) {
        return strings(c, sql).get(0);
    }

    private static List<String> strings(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
