package io.tillbridge;

import io.tillbridge.ui.TestContexts;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.tillbridge.alerts.AlertEvaluator;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.testing.LocalMailServer;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's alert story in a real headless Chromium against the launched platform: an alert
 * fires, is seen on the Alerts page and the home page, and resolves by itself.
 */
class AlertJourneyIT {

    private static final String PASSWORD = "grind-the-beans-at-dawn";

    private static Tillbridge platform;
    private static BrowserSupport browser;
    private static GreenMail smtp;

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        smtp = LocalMailServer.start();
        LocalMailServer.settings(smtp).forEach(System::setProperty);
        platform = TestContexts.launch("alert-journey-signing-secret-0123456789abcdef", Map.of());
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (platform != null) {
                platform.close();
            }
        } finally {
            LocalMailServer.settings(smtp).keySet().forEach(System::clearProperty);
            smtp.stop();
        }
    }

    @Test
    void an_alert_fires_is_seen_in_the_portal_and_resolves_by_itself() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var context = platform.platform().context();
        String email = "baker-" + run + "@bakery.example";
        SignupResult bakery = context.getBean(SignupService.class).signUp(new Signup("Alert Bakery " + run, email,
                PASSWORD, "Pat Baker", null));
        UUID integration = UUID.randomUUID();
        TenantTransactions transactions = context.getBean(TenantTransactions.class);
        // Five runs waiting: the backlog rule's default threshold.
        transactions.write(bakery.tenant(), c -> {
            Sql.update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                    + " target_connection_id, target_object) VALUES (?, ?, 'Orders', ?, 'orders', ?, 'orders')",
                    bakery.tenant().value(), integration, UUID.randomUUID(), UUID.randomUUID());
            for (int i = 0; i < 5; i++) {
                Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status) VALUES (?, ?, ?,"
                        + " 'manual', 'queued')", bakery.tenant().value(), UUID.randomUUID(), integration);
            }
            return null;
        });
        AlertEvaluator evaluator = context.getBean(AlertEvaluator.class);
        evaluator.evaluate(bakery.tenant(), Instant.now());

        Page page = browser.newPage();
        try {
            PortalPages portal = new PortalPages(page, platform.portalUri().orElseThrow().toString());
            portal.open("login?continue=alerts");
            portal.signIn(email, PASSWORD);
            assertThat(page.locator("#alerts-summary")).hasText("1 open alert.");
            assertThat(page.locator("#alerts-grid")).containsText("Orders: runs queuing up");
            BrowserSupport.screenshot(page, "alert-1-open");
            portal.open("home");
            assertThat(page.locator("#home-open-alerts")).hasText("1 open alert: see Alerts");
            BrowserSupport.screenshot(page, "alert-2-home");

            transactions.write(bakery.tenant(), c -> Sql.update(c, "UPDATE runs SET status = 'cancelled',"
                    + " finished_at = now() WHERE integration_id = ?", integration));
            evaluator.evaluate(bakery.tenant(), Instant.now());

            portal.open("alerts");
            assertThat(page.locator("#alerts-summary")).hasText("No open alerts.");
            assertThat(page.locator("#alerts-grid")).containsText("resolved");
            BrowserSupport.screenshot(page, "alert-3-resolved");
            portal.open("home");
            assertThat(page.locator("#home-open-alerts")).hasText("No open alerts");
        } catch (AssertionError | RuntimeException e) {
            BrowserSupport.screenshot(page, "failed-alert-journey");
            throw e;
        } finally {
            page.context().close();
        }
    }
}
