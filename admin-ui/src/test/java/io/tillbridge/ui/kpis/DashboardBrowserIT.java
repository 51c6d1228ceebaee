package io.tillbridge.ui.kpis;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalServer;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.SignupResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in headless Chromium on a real Jetty: Chart.js comes from its webjar and draws on the
 * canvases, and "Download CSV" downloads the KPIs.
 */
class DashboardBrowserIT {

    private static ApplicationContext context;
    private static PortalServer portal;
    private static BrowserSupport browser;

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        context = TestContexts.run();
        portal = PortalServer.start(context, "127.0.0.1", 0);
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (portal != null) {
            portal.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void the_trend_charts_are_drawn_by_chart_js_and_the_csv_downloads() throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@example.test";
        SignupResult tenant = PortalFixture.signUpResult(context, "Chart Bakery", email);
        context.getBean(TenantTransactions.class).write(tenant.tenant(), c -> {
            UUID integration = UUID.randomUUID();
            Sql.update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                    + " target_connection_id, target_object) VALUES (?, ?, 'Orders', ?, 'orders', ?, 'orders')",
                    tenant.tenant().value(), integration, UUID.randomUUID(), UUID.randomUUID());
            Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, started_at, finished_at,"
                    + " records_read, records_written, cpu_millis) VALUES (?, ?, ?, 'manual', 'succeeded',"
                    + " now() - interval '2 hours', now() - interval '1 hour', 120, 120, 250)",
                    tenant.tenant().value(), UUID.randomUUID(), integration);
            return null;
        });
        HttpResponse<String> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                portal.uri().resolve("webjars/chart.js/4.5.1/dist/chart.umd.min.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).as("the webjar is served").isEqualTo(200);
        assertThat(script.body()).contains("Chart");

        Page page = browser.newPage();
        try {
            PortalPages pages = new PortalPages(page, portal.uri().toString());
            pages.open("login");
            pages.signIn(email, PortalFixture.PASSWORD);
            assertThat(page.locator("#onboarding-steps")).isVisible();
            pages.open("dashboard");
            assertThat(page.locator("#kpi-records-value")).hasText("120");
            page.waitForFunction("() => ['kpi-chart-volume', 'kpi-chart-quality'].every(id => {"
                    + " const host = document.getElementById(id);"
                    + " return host && host.$chart && host.querySelector('canvas').width > 0; })");
            Object bars = page.evaluate("() => document.getElementById('kpi-chart-volume').$chart.data.datasets[0].data"
                    + ".reduce((sum, v) => sum + (v || 0), 0)");
            assertThat(((Number) bars).intValue()).as("the records drawn").isEqualTo(120);
            Object painted = page.evaluate("() => { const c = document.querySelector('#kpi-chart-volume canvas');"
                    + " const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + " for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) return true; } return false; }");
            assertThat(painted).as("something is painted on the canvas").isEqualTo(true);
            BrowserSupport.screenshot(page, "dashboard");

            Download download = page.waitForDownload(() -> page.locator("#kpi-download").click());
            assertThat(download.suggestedFilename()).endsWith(".csv");
            String csv = Files.readString(download.path());
            assertThat(csv).startsWith("row,location,period_start,records_read,records_synced")
                    .contains("total,,,120,120,0,1,0,250,0,,,USD,");
        } finally {
            page.context().close();
        }
    }
}
