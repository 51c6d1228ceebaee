package io.tillbridge.ui.integrations.mapping.bench;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpec.FieldRule;
import io.tillbridge.integrations.Integration;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.InboxRows;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalServer;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.Session;
import io.tillbridge.users.SessionService;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark G11 (BENCHMARKS.md), on demand only ({@code bench/g11-preview-latency.sh}): the time
 * from a change of a mapping field in the browser to the builder's preview showing the new output,
 * over 20 sample records. The portal runs in this JVM on loopback with a tenant whose integration
 * has 20 open errors (their records are the builder's sample records) and a pinned mapping whose
 * {@code sku} is a constant. Headless Chromium opens the builder, selects the {@code sku} rule and
 * sets its constant to a new marker {@code g11.changes} times; each change is timed in the page
 * with {@code performance.now()} from the input event to the animation frame after the last
 * preview row shows the marker. The same-run baseline is a trivial server round trip: a value
 * sync of the "new target field" box, which no listener handles, timed until the client is idle.
 */
public final class G11PreviewLatency {

    private static final int RECORDS = 20;

    private static final String CHANGE = """
            ([marker, rows]) => new Promise((resolve, reject) => {
              const table = document.getElementById('mapping-preview');
              const input = document.querySelector('#rule-constant input');
              const shown = () => { const body = table.tBodies[0];
                return body && body.rows.length >= rows && body.rows[rows - 1].textContent.includes(marker); };
              const t0 = performance.now();
              const observer = new MutationObserver(() => { if (shown()) { observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - t0)); } });
              observer.observe(table, {subtree: true, childList: true, characterData: true});
              setTimeout(() => { observer.disconnect(); reject(new Error('no preview with ' + marker)); }, 10000);
              input.value = marker;
              input.dispatchEvent(new Event('input', {bubbles: true}));
            })""";

    private static final String BASELINE = """
            ([value]) => new Promise((resolve, reject) => {
              const clients = Object.values(window.Vaadin.Flow.clients).filter(c => c.isActive);
              const input = document.querySelector('#mapping-new-target input');
              const t0 = performance.now();
              input.value = value;
              input.dispatchEvent(new Event('input', {bubbles: true}));
              input.dispatchEvent(new Event('change', {bubbles: true}));
              let seenActive = false;
              const poll = () => {
                const active = clients.some(c => c.isActive());
                if (active) { seenActive = true; }
                if (seenActive && !active) { requestAnimationFrame(() => resolve(performance.now() - t0)); return; }
                if (performance.now() - t0 > 10000) { reject(new Error('no round trip')); return; }
                setTimeout(poll, 0);
              };
              poll();
            })""";

    private G11PreviewLatency() {
    }

    public static void main(String[] args) throws Exception {
        int changes = Integer.getInteger("g11.changes", 200);
        int warmup = Integer.getInteger("g11.warmup", 30);
        try (ApplicationContext context = TestContexts.withConnections(Map.of("tillbridge.roles.worker", "false",
                "datasources.default.maximum-pool-size", 5));
                PortalServer portal = PortalServer.start(context, "127.0.0.1", 0);
                BrowserSupport browser = BrowserSupport.launch()) {
            String owner = PortalFixture.signUp(context, "G11 Bakery");
            Integration integration = integrationWithErrors(context, owner);
            Page page = browser.newPage();
            PortalPages pages = new PortalPages(page, portal.uri().toString());
            pages.open("login");
            pages.signIn(owner, PortalFixture.PASSWORD);
            page.waitForURL(url -> !url.contains("login"));
            pages.open("integrations/" + integration.id() + "/mapping");
            page.locator("#mapping-rules vaadin-grid-cell-content").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText(java.util.regex.Pattern.compile("^sku$"))).first().click();
            page.locator("#rule-constant input").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(WaitForSelectorState.VISIBLE));
            page.locator("#mapping-preview tbody tr").nth(RECORDS - 1).waitFor();

            for (int i = 0; i < warmup; i++) {
                change(page, "w-" + i);
                baseline(page, "w-" + i);
            }
            double[] preview = new double[changes];
            double[] baseline = new double[changes];
            for (int i = 0; i < changes; i++) {
                preview[i] = change(page, "m-" + i);
                baseline[i] = baseline(page, "b-" + i);
            }
            BrowserSupport.screenshot(page, "g11-builder");
            report("preview after a mapping change (" + RECORDS + " sample records)", preview);
            report("baseline: trivial server round trip", baseline);
            System.out.printf(Locale.ROOT, "ratio p95: %.2fx the baseline%n", percentile(preview, 95) / percentile(baseline, 95));
        }
    }

    private static double change(Page page, String marker) {
        return ((Number) page.evaluate(CHANGE, List.of(marker, RECORDS))).doubleValue();
    }

    private static double baseline(Page page, String value) {
        return ((Number) page.evaluate(BASELINE, List.of(value))).doubleValue();
    }

    /**
     * A Square sandbox integration with a pinned mapping ({@code sku} a constant) and {@value #RECORDS}
     * open errors, whose records are the builder's sample records; also the page of benchmark G10.
     */
    public static Integration integrationWithErrors(ApplicationContext context, String owner) throws Exception {
        Session session = context.getBean(SessionService.class).login(owner, PortalFixture.PASSWORD, "127.0.0.1");
        TenantScope scope = PortalSession.signedIn(session.account(), session.refreshToken())
                .admit(context.getBean(TenantAccess.class));
        Integration integration = PortalFixture.sandboxIntegration(context, scope);
        MappingVersions versions = context.getBean(MappingVersions.class);
        FieldRule sku = new FieldRule("sku", null, null, null, "m-start", null, null, null, null, null, null, null, null,
                null, null, null);
        int version = versions.create(scope, integration.id(), new MappingSpec(null, List.of(sku,
                FieldRule.copy("location_id", "location_id"), FieldRule.copy("id", "catalog_object_id")),
                null, null, null)).version();
        versions.pin(scope, integration.id(), version);
        for (int i = 0; i < RECORDS; i++) {
            String key = "ord-" + i;
            InboxRows.insert(scope.tenant().value(), integration.id(), key, "value", "location_id",
                    "unknown location \"L" + (i % 3) + "\"", "{\"id\": \"" + key + "\", \"location_id\": \"L" + (i % 3)
                            + "\", \"state\": \"COMPLETED\"}");
        }
        return integration;
    }

    private static void report(String what, double[] millis) {
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, millis.length,
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), percentile(millis, 100));
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

}
