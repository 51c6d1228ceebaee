package io.tillbridge;

import io.micronaut.context.env.PropertySource;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.demo.DemoTenant;
import io.tillbridge.mail.Mailer;
import io.tillbridge.migrations.DatabaseSetupException;
import io.tillbridge.platform.Platform;
import io.tillbridge.platform.PlatformRole;
import io.tillbridge.platform.PlatformSettings;
import io.tillbridge.ui.PortalServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole platform in one process: database (embedded when none is configured),
 * migrations, services, the public API and the portal, as the configured roles say. Ctrl-C (or
 * SIGTERM) stops everything, the embedded database last.
 */
public final class Tillbridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tillbridge.class);
    /** The portal's public address, used in links sent by mail. */
    static final String PORTAL_URL = "tillbridge.portal.url";
    /**
     * The JDK's HTTP server (the vendor sandboxes' server) reads this once, at its first use: without
     * it, each response waits for a delayed ACK (about 40 ms on Linux) before its last segment.
     */
    static final String HTTP_SERVER_NODELAY = "sun.net.httpserver.nodelay";

    private final Platform platform;
    private final PortalServer portal;
    private volatile String demo;

    private Tillbridge(Platform platform, PortalServer portal) {
        this.platform = platform;
        this.portal = portal;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Tillbridge running;
        try {
            running = start(PlatformSettings.fromEnvironment());
        } catch (DatabaseSetupException | IllegalArgumentException e) {
            System.err.println();
            System.err.println("Tillbridge could not start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "tillbridge-shutdown"));
        running.printWelcome(System.out, (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the platform and, when the ui role is on, the portal. */
    public static Tillbridge start(PlatformSettings settings) {
        // Before any sandbox starts (DD-029); an operator's own -D value wins.
        if (System.getProperty(HTTP_SERVER_NODELAY) == null) {
            System.setProperty(HTTP_SERVER_NODELAY, "true");
        }
        Platform platform = Platform.start(settings);
        PortalServer portal = null;
        try {
            if (settings.runs(PlatformRole.UI)) {
                portal = PortalServer.start(platform.context(), settings.host(), settings.portalPort());
                // Connectors may never call the portal of this process (DD-017).
                platform.context().getBean(PlatformEgress.class).ownPort(portal.uri().getPort());
                // Links in mail (verification, invitations) point at the portal this process serves,
                // unless an address was configured (e.g. the public one behind a proxy).
                if (platform.context().getProperty(PORTAL_URL, String.class).isEmpty()) {
                    platform.context().getEnvironment().addPropertySource(PropertySource.of("tillbridge-portal",
                            Map.of(PORTAL_URL, portal.uri().toString().replaceAll("/$", ""))));
                }
            }
            Tillbridge started = new Tillbridge(platform, portal);
            if (settings.demo()) {
                started.demo = started.demo();
            }
            return started;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /**
     * Creates the demo tenant on the first start, and lets its warehouse connection reach its database
     * on every start (DD-041); answers the line the welcome prints. A demo that cannot be made is
     * reported there and in the log: the platform runs on without it.
     */
    private String demo() {
        try {
            return platform.context().getBean(DemoTenant.class).ensure()
                    .map(signIn -> "sign in as " + signIn.email() + " with the password " + signIn.password()
                            + " (set TILLBRIDGE_DEMO=false to start without it)")
                    .orElse(null);
        } catch (RuntimeException e) {
            LOG.error("The demo tenant could not be created: {}", e.getMessage(), e);
            return "could not be created (" + e.getMessage() + "); see the log";
        }
    }

    public Platform platform() {
        return platform;
    }

    /** The portal's address, when the ui role runs. */
    public Optional<URI> portalUri() {
        return Optional.ofNullable(portal).map(PortalServer::uri);
    }

    void printWelcome(PrintStream out, long millis) {
        PlatformSettings settings = platform.settings();
        out.println();
        out.println("Tillbridge is running (started in " + millis + " ms).");
        portalUri().ifPresent(uri -> out.println("  Portal:    " + uri));
        platform.apiUri().ifPresent(uri -> out.println("  API:       " + uri.resolve("/api/v1")));
        platform.apiDocsUri().ifPresent(uri -> out.println("  API docs:  " + uri));
        platform.apiUri().ifPresent(uri -> out.println("  Health:    " + uri.resolve("/health")));
        platform.managementUri().ifPresent(uri -> out.println("  Metrics:   " + uri.resolve("/prometheus")
                + " (and health details at " + uri.resolve("/health") + "; keep this port private)"));
        out.println("  Database:  " + (settings.usesEmbeddedDatabase()
                ? "embedded PostgreSQL, data in " + settings.dataDirectory().resolve("postgres")
                : settings.databaseUrl()));
        platform.context().findBean(Mailer.class)
                .ifPresent(mailer -> out.println("  Mail:      " + mailer.destination()));
        if (demo != null) {
            out.println("  Demo:      " + demo);
        }
        out.println("  Mode:      " + settings.mode().wire());
        out.println("  Roles:     " + settings.roles().stream().sorted()
                .map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        out.println("Press Ctrl-C to stop.");
        out.println();
        out.flush();
    }

    /** Stops the portal, then the platform (API, services, embedded database). */
    @Override
    public void close() {
        LOG.info("Stopping Tillbridge");
        if (portal != null) {
            try {
                portal.close();
            } catch (RuntimeException e) {
                LOG.warn("The portal did not stop cleanly: {}", e.getMessage());
            }
        }
        platform.close();
    }
}
