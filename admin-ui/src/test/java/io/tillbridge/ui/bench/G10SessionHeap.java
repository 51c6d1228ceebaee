package io.tillbridge.ui.bench;

import com.microsoft.playwright.Page;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.Tillbridge;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.PlatformSettings;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.SessionService;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark G10 (BENCHMARKS.md), on demand only: server heap retained per signed-in portal session
 * that shows a page (the integration builder by default), with {@code g10.sessions} concurrent
 * Chromium sessions (default 20).
 *
 * <p>The platform (database, API, portal) runs in this JVM. The baseline is the same JVM idle:
 * started, warmed by one session that opened the page and then signed out, its Vaadin session
 * invalidated. Then N browser contexts sign in and open the page, each its own HTTP and Vaadin
 * session, and stay open. Heap is read after repeated full collections both times; the result is
 * (loaded - idle) / N. A second batch of N then gives the marginal cost of a session once the
 * server's threads and connection buffers have grown. {@code g10.histogram=true} prints the classes
 * that grew most per session. Run it with {@code bench/g10-session-heap.sh}.
 */
public final class G10SessionHeap {

    private G10SessionHeap() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("g10.sessions", 20);
        String routeTemplate = System.getProperty("g10.route", "integrations/{integration}/mapping");
        String waitFor = System.getProperty("g10.wait-for", "vaadin-app-layout");
        try (Tillbridge platform = start(); BrowserSupport browser = BrowserSupport.launch()) {
            ApplicationContext context = platform.platform().context();
            String email = PortalFixture.signUp(context, "G10 Heap Bakery");
            UUID integration = anIntegration(context, email);
            String portal = platform.portalUri().orElseThrow().toString();
            String route = routeTemplate.replace("{integration}", integration.toString());

            // Warm-up: classes loaded, caches filled, then the session ends.
            Page warm = open(browser, portal, email, route, waitFor);
            new PortalPages(warm, portal).signOut();
            warm.context().close();
            long idle = settledHeap();
            Map<String, Long> idleClasses = histogram();

            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                pages.add(open(browser, portal, email, route, waitFor));
            }
            long loaded = settledHeap();
            if (Boolean.getBoolean("g10.histogram")) {
                printGrowth(idleClasses, histogram(), sessions);
            }
            // A second batch as large: the marginal cost of a session once the server's threads and
            // connection buffers have grown to serve the first batch.
            for (int i = 0; i < sessions; i++) {
                pages.add(open(browser, portal, email, route, waitFor));
            }
            long doubled = settledHeap();
            long perSession = (loaded - idle) / sessions;
            long marginal = (doubled - loaded) / sessions;
            System.out.printf(Locale.ROOT, "G10 route=%s sessions=%d idle_heap=%d loaded_heap=%d"
                    + " per_session_kB=%.1f (vs idle JVM) second_batch_heap=%d marginal_per_session_kB=%.1f"
                    + " goal_kB=300%n", routeTemplate, sessions, idle, loaded, perSession / 1024.0, doubled,
                    marginal / 1024.0);
            for (Page page : pages) {
                page.context().close();
            }
        }
    }

    private static Tillbridge start() {
        // Read by the Micronaut context: a vault key, and loopback egress for the shipped sandboxes.
        System.setProperty("tillbridge.secrets.kek", TestContexts.TEST_KEK);
        System.setProperty("tillbridge.egress.allow", "127.0.0.0/8,::1");
        JdbcTarget owner = TestDatabase.shared().owner();
        return Tillbridge.start(PlatformSettings.fromMap(Map.ofEntries(
                Map.entry("tillbridge.database.url", owner.url()),
                Map.entry("tillbridge.database.user", owner.user()),
                Map.entry("tillbridge.database.password", owner.password()),
                Map.entry("tillbridge.database.app-password", TestDatabase.shared().app().password()),
                Map.entry("tillbridge.jwt-secret", "g10-session-heap-signing-secret-0123456789abcdef"),
                Map.entry("tillbridge.management.port", "0"),
                Map.entry("tillbridge.host", "127.0.0.1"),
                Map.entry("tillbridge.api.port", "0"),
                Map.entry("tillbridge.portal.port", "0"),
                Map.entry("tillbridge.mode", "dev"))));
    }

    /** A Square sandbox source and target and an integration between them, as in the portal tests. */
    private static UUID anIntegration(ApplicationContext context, String email) {
        var session = context.getBean(SessionService.class).login(email, PortalFixture.PASSWORD, "127.0.0.1");
        TenantScope scope = PortalSession.signedIn(session.account(), session.refreshToken())
                .admit(context.getBean(TenantAccess.class));
        ConnectionService connections = context.getBean(ConnectionService.class);
        UUID source = connections.create(scope, new ConnectionDraft("square", "Till", Map.of(), true)).id();
        UUID target = connections.create(scope, new ConnectionDraft("square", "Stock", Map.of(), true)).id();
        return context.getBean(IntegrationService.class).create(scope, new IntegrationDraft("Orders to stock",
                source, "orders", target, "inventory_adjustments", "shadow", null)).id();
    }

    private static Page open(BrowserSupport browser, String portal, String email, String route, String waitFor) {
        Page page = browser.newPage();
        PortalPages pages = new PortalPages(page, portal);
        pages.open("login");
        pages.signIn(email, PortalFixture.PASSWORD);
        page.waitForURL(url -> !url.contains("/login"));
        page.navigate(URI.create(portal).resolve(route).toString());
        page.waitForSelector(waitFor);
        page.waitForLoadState();
        return page;
    }

    /** Bytes per class on the heap (live objects only: the histogram collects first). */
    private static Map<String, Long> histogram() throws Exception {
        if (!Boolean.getBoolean("g10.histogram")) {
            return Map.of();
        }
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                bytes.merge(columns[3], Long.parseLong(columns[2]), Long::sum);
            }
        }
        return bytes;
    }

    /** The classes that grew most per session between the idle and the loaded heap. */
    private static void printGrowth(Map<String, Long> idle, Map<String, Long> loaded, int sessions) {
        loaded.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - idle.getOrDefault(e.getKey(), 0L)) / sessions))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %8d B/session  %s%n", e.getValue(), e.getKey()));
    }

    /** Heap in use after full collections, once it stops falling. */
    private static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(300);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 256 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
