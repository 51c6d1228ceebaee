package io.tillbridge.ui.bench;

import com.microsoft.playwright.Page;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.Tillbridge;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.integrations.mapping.bench.G11PreviewLatency;
import io.tillbridge.ui.pages.PortalPages;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark G10 (BENCHMARKS.md), on demand only: server heap retained per signed-in portal session
 * that shows a page (by default the integration builder with its preview of 20 sample records, the
 * fixture of G11), with {@code g10.sessions} concurrent Chromium sessions (default 20).
 *
 * <p>The platform (database, API, portal) runs in this JVM; the browsers are driven from a child
 * JVM, so that the Playwright client's objects are not measured. The baseline is the same JVM idle:
 * started, warmed by one session and then by N sessions at once that opened the page and signed out,
 * their Vaadin sessions invalidated, so that thread pools, buffers and caches have grown to serve N
 * sessions and what remains is what the sessions keep. Then N browser contexts sign in and open the
 * page, each its own HTTP and Vaadin session, and stay open. Heap is read after repeated full
 * collections each time; the result is (loaded - idle) / N. A second batch of N gives the marginal
 * cost of a session, and the heap after the single warm-up session (the baseline of earlier runs) is
 * printed beside it. {@code g10.histogram=true} prints the classes that grew most per session. Run
 * it with {@code bench/g10-session-heap.sh}.
 */
public final class G10SessionHeap {

    private G10SessionHeap() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.getInteger("g10.sessions", 20);
        String routeTemplate = System.getProperty("g10.route", "integrations/{integration}/mapping");
        // The builder with its preview of 20 sample records rendered.
        String waitFor = System.getProperty("g10.wait-for", "#mapping-preview tbody tr:nth-child(20)");
        try (Tillbridge platform = start()) {
            ApplicationContext context = platform.platform().context();
            String email = PortalFixture.signUp(context, "G10 Heap Bakery");
            UUID integration = G11PreviewLatency.integrationWithErrors(context, email).id();
            String portal = platform.portalUri().orElseThrow().toString();
            String route = routeTemplate.replace("{integration}", integration.toString());
            try (Browsers browsers = Browsers.start(portal, email, route, waitFor)) {
                // Warm-up: classes loaded, caches filled, then the session ends. The heap after it is
                // the baseline of earlier runs ("cold idle").
                browsers.command("warm 1");
                long coldIdle = settledHeap();
                // Then as many sessions as will be measured, opened together and ended: the server's
                // thread pools, buffers and caches grow to serve N sessions once, not per session.
                browsers.command("warm " + sessions);
                long idle = settledHeap();
                Map<String, Long> idleClasses = histogram();

                browsers.command("open " + sessions);
                long loaded = settledHeap();
                Map<String, Long> loadedClasses = histogram();
                if (Boolean.getBoolean("g10.histogram")) {
                    System.out.println("Growth per session, first batch against the warmed idle JVM:");
                    printGrowth(idleClasses, loadedClasses, sessions);
                }
                // A second batch as large: the marginal cost of a session.
                browsers.command("open " + sessions);
                long doubled = settledHeap();
                if (Boolean.getBoolean("g10.histogram")) {
                    System.out.println("Growth per session, second batch:");
                    printGrowth(loadedClasses, histogram(), sessions);
                }
                long perSession = (loaded - idle) / sessions;
                long marginal = (doubled - loaded) / sessions;
                long perSessionCold = (loaded - coldIdle) / sessions;
                System.out.printf(Locale.ROOT, "G10 route=%s sessions=%d cold_idle_heap=%d idle_heap=%d loaded_heap=%d"
                        + " per_session_kB=%.1f (vs the idle JVM warmed by N sessions) second_batch_heap=%d"
                        + " marginal_per_session_kB=%.1f per_session_vs_cold_idle_kB=%.1f goal_kB=300%n", routeTemplate,
                        sessions, coldIdle, idle, loaded, perSession / 1024.0, doubled, marginal / 1024.0,
                        perSessionCold / 1024.0);
            }
        }
    }

    /**
     * The browsers, driven from a JVM of their own so that Playwright's client objects do not count
     * in the measured heap: commands on its standard input, one line answered per command.
     */
    private record Browsers(Process process, BufferedReader answers, Writer commands) implements AutoCloseable {

        static Browsers start(String portal, String email, String route, String waitFor) throws IOException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Driver.class.getName(), portal, email, route, waitFor)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Browsers(process, new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)), new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        void command(String line) throws IOException {
            commands.write(line + "\n");
            commands.flush();
            String answer = answers.readLine();
            if (!"done".equals(answer)) {
                throw new IllegalStateException("The browser driver answered " + answer + " to " + line);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                command("quit");
            } finally {
                process.destroy();
            }
        }
    }

    /** The child JVM's main: {@code warm N} (open N, then sign each out), {@code open N} and {@code quit}, each answered with {@code done}. */
    public static final class Driver {

        private Driver() {
        }

        public static void main(String[] args) throws IOException {
            String portal = args[0];
            String email = args[1];
            String route = args[2];
            String waitFor = args[3];
            List<Page> pages = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (BrowserSupport browser = BrowserSupport.launch()) {
                for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                    if (line.startsWith("warm ")) {
                        List<Page> warm = new ArrayList<>();
                        for (int i = Integer.parseInt(line.substring(5)); i > 0; i--) {
                            warm.add(open(browser, portal, email, route, waitFor));
                        }
                        for (Page page : warm) {
                            new PortalPages(page, portal).signOut();
                            page.context().close();
                        }
                    } else if (line.startsWith("open ")) {
                        for (int i = Integer.parseInt(line.substring(5)); i > 0; i--) {
                            pages.add(open(browser, portal, email, route, waitFor));
                        }
                    }
                    System.out.println("done");
                    System.out.flush();
                }
                System.out.println("done");
            }
        }
    }

    private static Tillbridge start() {
        // Read by the Micronaut context: a vault key, and loopback egress for the shipped sandboxes.
        System.setProperty("tillbridge.secrets.kek", TestContexts.TEST_KEK);
        System.setProperty("tillbridge.egress.allow", "127.0.0.0/8,::1");
        return TestContexts.launch("g10-session-heap-signing-secret-0123456789abcdef", Map.of("tillbridge.mode", "dev"));
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

    /**
     * Heap in use after full collections, once it stops falling; first the sessions go idle for
     * {@code g10.idle-seconds} (default 40), past the server's 30-second idle timeout of HTTP
     * connections, so that what is measured is what an idle session keeps, not an open connection's
     * buffers.
     */
    private static long settledHeap() throws InterruptedException {
        Thread.sleep(Integer.getInteger("g10.idle-seconds", 40) * 1000L);
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
