package io.tillbridge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connections.CheckOutcome;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.demo.DemoTenant;
import io.tillbridge.migrations.DemoWarehouseDatabase;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo tenant (DD-041) as a newcomer meets it: the launched platform with the demo setting on
 * creates it on its first start, and within a minute its owner signs in to a portal with runs, orders
 * in the demo's warehouse, held records in the error inbox and KPI targets; a later start creates
 * nothing twice; and no other connection may reach the database server the demo's warehouse is on.
 */
class DemoTenantIT {

    private static final String SECRET = "demo-tenant-signing-secret-0123456789abcdef";

    private static Tillbridge platform;
    private static BrowserSupport browser;
    private static String owner;

    @BeforeAll
    static void start() throws SQLException {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        owner = TestDatabase.shared().owner().user();
        // With a configured database the demo's role and database are made by the owner role, which
        // then needs these privileges (the README says so); the embedded start uses its superuser.
        try (Connection c = TestDatabase.shared().admin().connect(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + owner + " CREATEROLE CREATEDB");
        }
        System.setProperty("tillbridge.secrets.kek", TestContexts.TEST_KEK);
        platform = TestContexts.launch(SECRET, Map.of("tillbridge.demo", "true", "tillbridge.mode", "dev"));
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stop() throws SQLException {
        try {
            if (browser != null) {
                browser.close();
            }
            if (platform != null) {
                platform.close();
            }
        } finally {
            System.clearProperty("tillbridge.secrets.kek");
            JdbcTarget admin = TestDatabase.shared().admin();
            DemoWarehouseDatabase.drop(admin, TestDatabase.shared().owner().database());
            try (Connection c = admin.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + owner + " NOCREATEROLE NOCREATEDB");
            }
        }
    }

    private static DemoTenant demo() {
        return platform.platform().context().getBean(DemoTenant.class);
    }

    private static JdbcTarget warehouse() {
        var context = platform.platform().context();
        return new JdbcTarget(context.getRequiredProperty("tillbridge.demo.warehouse.url", String.class),
                context.getRequiredProperty("tillbridge.demo.warehouse.user", String.class),
                context.getRequiredProperty("tillbridge.demo.warehouse.password", String.class));
    }

    private static TenantId demoTenant() {
        return platform.platform().context().getBean(TenantTransactions.class).withoutTenant(c ->
                Sql.first(c, "SELECT tenant_id FROM demo_tenant", rs -> new TenantId(Sql.uuid(rs, "tenant_id")))
                        .orElseThrow());
    }

    private static long count(TenantId tenant, String sql) {
        return platform.platform().context().getBean(TenantTransactions.class).read(tenant, c ->
                Sql.first(c, sql, rs -> rs.getLong(1)).orElseThrow());
    }

    private static long warehouseRows(String table) {
        try (Connection c = warehouse().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + DemoWarehouseDatabase.SCHEMA + "." + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    @Test
    void the_first_start_creates_a_demo_whose_owner_sees_runs_orders_held_records_and_targets_within_a_minute()
            throws Exception {
        DemoTenant.SignIn signIn = demo().ensure().orElseThrow();
        TenantId tenant = demoTenant();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)
                && (warehouseRows("pos_orders") <= 0 || count(tenant, "SELECT count(*) FROM record_errors WHERE"
                        + " status = 'open' AND category = 'unmapped_value'") == 0)) {
            Thread.sleep(500);
        }
        assertThat(warehouseRows("pos_orders")).as("orders in the demo's warehouse within a minute").isPositive();
        assertThat(count(tenant, "SELECT count(*) FROM runs WHERE status = 'succeeded'")).isPositive();
        assertThat(count(tenant, "SELECT count(*) FROM record_errors WHERE status = 'open'"
                + " AND category = 'unmapped_value'")).as("held records to fix").isPositive();
        assertThat(count(tenant, "SELECT count(*) FROM integrations WHERE mode = 'live'")).isEqualTo(3);
        assertThat(count(tenant, "SELECT count(*) FROM integration_schedules WHERE enabled")).isEqualTo(3);
        assertThat(count(tenant, "SELECT count(*) FROM tenant_settings WHERE manual_minutes_per_record IS NOT NULL"
                + " AND hourly_staff_cost IS NOT NULL AND target_error_rate IS NOT NULL")).isEqualTo(1);

        Page page = browser.newPage();
        try {
            PortalPages portal = new PortalPages(page, platform.portalUri().orElseThrow().toString());
            portal.open("login");
            portal.signIn(signIn.email(), signIn.password());
            assertThat(page.locator("#home-health")).containsText("Demo POS orders");
            portal.open("errors");
            assertThat(page.locator("#error-groups")).containsText("Card payments by network");
            assertThat(page.locator("#error-groups")).containsText("Value with no mapping");
            portal.open("runs");
            assertThat(page.locator("vaadin-grid")).containsText("Succeeded");
            portal.open("dashboard");
            assertThat(page.locator("body")).containsText("Hours saved");
        } finally {
            page.close();
        }
    }

    @Test
    void a_later_start_finds_the_demo_and_creates_nothing_twice() {
        DemoTenant.SignIn first = demo().ensure().orElseThrow();
        TenantId tenant = demoTenant();
        long connections = count(tenant, "SELECT count(*) FROM connections");
        long integrations = count(tenant, "SELECT count(*) FROM integrations");

        DemoTenant.SignIn again = demo().ensure().orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(demoTenant()).isEqualTo(tenant);
        assertThat(count(tenant, "SELECT count(*) FROM connections")).isEqualTo(connections).isEqualTo(2);
        assertThat(count(tenant, "SELECT count(*) FROM integrations")).isEqualTo(integrations).isEqualTo(3);
    }

    @Test
    void no_other_connection_may_reach_the_database_server_of_the_demo_warehouse() {
        demo().ensure().orElseThrow();
        var context = platform.platform().context();
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignupResult other = context.getBean(SignupService.class).signUp(new Signup("Other Cafe " + run,
                "owner-" + run + "@other.example", "a-long-enough-password-" + run, "Other Owner", null));
        TenantScope scope = new TenantScope(other.tenant(), Actor.system("test"), EnumSet.allOf(Permission.class),
                Optional.of(TenantRole.OWNER));
        JdbcTarget demoWarehouse = warehouse();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("jdbcUrl", demoWarehouse.url());
        config.put("user", demoWarehouse.user());
        config.put("password", demoWarehouse.password());
        config.put("schema", DemoWarehouseDatabase.SCHEMA);
        ConnectionService connections = context.getBean(ConnectionService.class);
        ConnectionDetail copy = connections.create(scope, new ConnectionDraft("postgres-warehouse", "Copy", config));

        CheckOutcome outcome = connections.check(scope, copy.id());

        assertThat(outcome.status()).isEqualTo("CONFIG");
        assertThat(outcome.message()).contains("the platform's own database");
    }
}
