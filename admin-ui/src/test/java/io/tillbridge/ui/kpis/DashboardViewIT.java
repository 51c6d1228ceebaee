package io.tillbridge.ui.kpis;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.QueryParameters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.kpis.KpiPeriod;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard with a tenant whose integration ran twice yesterday (UTC) and once eight days ago:
 * tiles in words against the targets, and the charts' configurations as handed to the browser.
 */
class DashboardViewIT {

    private static ApplicationContext context;
    private PortalSession session;
    private UUID orders;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    static void start() {
        context = TestContexts.run();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void a_tenant_with_targets_and_runs() {
        String owner = PortalFixture.signUp(context, "Dashboard Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
        TenantScope scope = session.admit(context.getBean(TenantAccess.class));
        TenantSettingsService settings = context.getBean(TenantSettingsService.class);
        TenantSettings current = settings.get(scope);
        settings.update(scope, current.version(), new SettingsChange("Dashboard Bakery", Currency.getInstance("EUR"),
                new KpiTargets(new BigDecimal("3"), new BigDecimal("20.00"), new BigDecimal("0.05"), new BigDecimal("10"))));
        TenantId tenant = session.currentTenant().orElseThrow();
        orders = UUID.randomUUID();
        context.getBean(TenantTransactions.class).write(tenant, c -> {
            Sql.update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                    + " target_connection_id, target_object) VALUES (?, ?, 'Orders', ?, 'orders', ?, 'orders')",
                    tenant.value(), orders, UUID.randomUUID(), UUID.randomUUID());
            // Yesterday: 100 read, 90 written, 10 failed in 5 min; then a run of 20 min that failed.
            run(c, tenant, "succeeded", 1, 5, 100, 90, 10);
            run(c, tenant, "failed", 1, 20, 0, 0, 0);
            // Eight days ago: 200 read and written in 4 min.
            run(c, tenant, "succeeded", 8, 4, 200, 200, 0);
            // Daily at midnight UTC for the last ten days: ten intervals, two of them with a successful run.
            Sql.update(c, "INSERT INTO integration_schedules (tenant_id, integration_id, interval_seconds, updated_at)"
                    + " VALUES (?, ?, 86400, ?)", tenant.value(), orders, today.minusDays(10).atStartOfDay(ZoneOffset.UTC)
                    .toInstant());
            Sql.update(c, "INSERT INTO source_activity (tenant_id, integration_id, location, hour, records)"
                    + " VALUES (?, ?, 'L-7', ?, 40)", tenant.value(), orders,
                    today.minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC));
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void the_tiles_show_the_totals_in_words_against_the_targets() {
        UI.getCurrent().navigate("dashboard");
        DashboardView dashboard = _get(DashboardView.class);

        assertThat(dashboard.report.from()).isEqualTo(today.minusDays(29));
        assertThat(dashboard.report.to()).isEqualTo(today);
        Map<String, String> tiles = dashboard.tiles.shown;
        assertThat(tiles.get("records")).isEqualTo("290 · of 300 read, 10 failed");
        // 290 records x 3 min / 60 = 14.5 h; x 20.00 = 290.00
        assertThat(tiles.get("hours")).startsWith("14.50 h");
        assertThat(tiles.get("money")).startsWith("EUR 290.00");
        // 10 / 300 = 3.33 % against 5 %
        assertThat(tiles.get("error-rate")).isEqualTo("3.33 % · Target 5 % · Target met");
        // successful runs of 4 and 5 min: p50 4.5 min, p95 4.95 min, against 10 min
        assertThat(tiles.get("p50")).isEqualTo("4.5 min · Target 10 min · Target met");
        assertThat(tiles.get("uptime")).isEqualTo("20.00 % · 2 of 10 scheduled intervals with a successful run");
        assertThat(dashboard.download.getText()).isEqualTo("Download CSV");
        // 40 records created at L-7 yesterday: 40 x 3 / 60 = 2 h, x 20.00 = 40.00
        assertThat(dashboard.locations.getGenericDataView().getItems().toList()).singleElement().satisfies(l -> {
            assertThat(l.location()).isEqualTo("L-7");
            assertThat(l.records()).isEqualTo(40);
            assertThat(l.moneySaved()).isEqualByComparingTo("40.00");
        });
        assertThat(dashboard.download.getHref()).isNotBlank();
    }

    @Test
    void the_charts_are_handed_to_the_browser_as_chart_js_configurations() throws IOException {
        UI.getCurrent().navigate("dashboard");
        DashboardView dashboard = _get(DashboardView.class);

        Map<String, Object> volume = parse(dashboard.volume.json());
        assertThat(volume.get("type")).isEqualTo("bar");
        Map<String, Object> data = map(volume.get("data"));
        List<Object> labels = list(data.get("labels"));
        assertThat(labels).hasSize(30).first().isEqualTo(today.minusDays(29).toString());
        assertThat(labels).last().isEqualTo(today.toString());
        List<Map<String, Object>> datasets = maps(data.get("datasets"));
        assertThat(datasets).extracting(d -> d.get("label")).containsExactly("Records synced", "Hours saved");
        List<Object> records = list(datasets.get(0).get("data"));
        assertThat(((Number) records.get(28)).intValue()).as("yesterday").isEqualTo(90);
        assertThat(((Number) records.get(21)).intValue()).as("eight days ago").isEqualTo(200);
        assertThat(((Number) records.get(29)).intValue()).as("today").isZero();
        assertThat(new BigDecimal(String.valueOf(list(datasets.get(1).get("data")).get(28))))
                .isEqualByComparingTo("4.5"); // 90 x 3 / 60

        Map<String, Object> quality = parse(dashboard.quality.json());
        List<Map<String, Object>> lines = maps(map(quality.get("data")).get("datasets"));
        assertThat(lines).extracting(d -> d.get("label")).containsExactly("Error rate (%)", "Target error rate (%)",
                "Completion p95 (min)", "Target completion (min)");
        assertThat(new BigDecimal(String.valueOf(list(lines.get(0).get("data")).get(28)))).isEqualByComparingTo("10");
        assertThat(list(lines.get(0).get("data")).get(29)).as("no records today: a gap, not zero").isNull();
        assertThat(new BigDecimal(String.valueOf(list(lines.get(1).get("data")).get(0)))).isEqualByComparingTo("5");
        assertThat(lines.get(1).get("borderDash")).isEqualTo(List.of(6, 4));
    }

    @Test
    void switching_to_weeks_and_one_integration_recomputes_and_the_nav_leads_here() {
        UI.getCurrent().navigate("dashboard");
        DashboardView dashboard = _get(DashboardView.class);
        dashboard.period.setValue(KpiPeriod.WEEK);
        dashboard.integration.setValue(orders);
        dashboard.load();

        assertThat(dashboard.report.period()).isEqualTo("week");
        assertThat(dashboard.report.integrationId()).isEqualTo(orders);
        assertThat(dashboard.report.series()).allSatisfy(f -> assertThat(f.start().getDayOfWeek().getValue()).isEqualTo(1));
        assertThat(dashboard.summary.getText()).contains("Orders");
        assertThat(_get(SideNav.class).getItems()).extracting(SideNavItem::getLabel).contains("Dashboard");
    }

    @Test
    void the_url_chooses_the_range_period_and_integration() {
        UI.getCurrent().navigate("dashboard", QueryParameters.simple(Map.of("from", today.minusDays(10).toString(),
                "to", today.minusDays(1).toString(), "period", "month", "integration", orders.toString())));
        DashboardView dashboard = _get(DashboardView.class);

        assertThat(dashboard.report.from()).isEqualTo(today.minusDays(10));
        assertThat(dashboard.report.to()).isEqualTo(today.minusDays(1));
        assertThat(dashboard.report.period()).isEqualTo("month");
        assertThat(dashboard.report.integrationId()).isEqualTo(orders);
        assertThat(dashboard.integration.getValue()).isEqualTo(orders);
        // Both runs of yesterday and the one of eight days ago: 90 + 0 + 200.
        assertThat(dashboard.report.totals().recordsSynced()).isEqualTo(290);

        UI.getCurrent().navigate("settings");
        UI.getCurrent().navigate("dashboard", QueryParameters.simple(Map.of("period", "year", "integration",
                UUID.randomUUID().toString(), "from", "junk")));
        DashboardView defaults = _get(DashboardView.class);
        assertThat(defaults.report.period()).as("what the URL says wrongly is left at its default").isEqualTo("day");
        assertThat(defaults.report.integrationId()).isNull();
        assertThat(defaults.report.from()).isEqualTo(today.minusDays(29));
    }

    @Test
    void a_range_longer_than_allowed_is_refused_at_the_field() {
        UI.getCurrent().navigate("dashboard");
        DashboardView dashboard = _get(DashboardView.class);
        dashboard.from.setValue(today.minusDays(500));
        dashboard.load();

        assertThat(dashboard.to.isInvalid()).isTrue();
        assertThat(dashboard.to.getErrorMessage()).contains("at most 400");
        assertThat(dashboard.report.from()).as("the last report stays").isEqualTo(today.minusDays(29));
    }

    private void run(java.sql.Connection c, TenantId tenant, String status, int daysAgo, int minutes, long read,
            long written, long failed) throws java.sql.SQLException {
        java.time.Instant finished = today.minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC);
        java.time.Instant started = finished.minusSeconds(minutes * 60L);
        Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, queued_at, started_at, finished_at,"
                + " records_read, records_written, records_failed, cpu_millis) VALUES (?, ?, ?, 'schedule', ?, ?, ?, ?, ?, ?, ?,"
                + " 100)", tenant.value(), UUID.randomUUID(), orders, status, started, started, finished, read, written, failed);
    }

    private static Map<String, Object> parse(String json) throws IOException {
        assertThat(json).isNotBlank();
        return context.getBean(JsonMapper.class).readValue(json, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
