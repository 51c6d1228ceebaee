package io.tillbridge.ui;

import com.vaadin.flow.server.InitParameters;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.network.ClientAddresses;
import io.tillbridge.users.SessionService;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URL;
import java.util.Objects;

/**
 * The admin portal: Vaadin Flow on an embedded Jetty 12, in the same JVM as the platform's Micronaut
 * context. Views obtain their services from that context (see {@link MicronautInstantiator}).
 *
 * <pre>{@code
 * try (PortalServer portal = PortalServer.start(context, "127.0.0.1", 0)) {
 *     System.out.println(portal.uri());
 * }
 * }</pre>
 */
public final class PortalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    /**
     * The classpath entries Jetty scans for servlet container initializers' types ({@code @Route},
     * Vaadin's own lookup services) and for {@code META-INF/resources}: class directories, Vaadin's
     * jars and the admin-ui jar. Matched against each entry's URI, so it covers
     * {@code target/classes} with {@code target/lib/*.jar} as well as a Maven test classpath; it leaves
     * out the many jars that hold neither, which keeps start-up short.
     */
    static final String SCANNED_CLASSPATH = String.join("|",
            ".*/classes/.*",
            ".*/flow-[^/]*\\.jar$",
            ".*/vaadin-[^/]*\\.jar$",
            ".*/chart\\.js-[^/]*\\.jar$",
            ".*/admin-ui[^/]*\\.jar$");

    private static final String WEB_ROOT_MARKER = "webroot/robots.txt";

    private final Server server;
    private final ResourceFactory.Closeable webRootMount;
    private final URI uri;

    private PortalServer(Server server, ResourceFactory.Closeable webRootMount, URI uri) {
        this.server = server;
        this.webRootMount = webRootMount;
        this.uri = uri;
    }

    /**
     * Starts the portal and returns once it accepts requests.
     *
     * @param context the running Micronaut context whose beans views may take in their constructors
     * @param host    the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port    the port to listen on; 0 picks a free one (see {@link #port()})
     * @throws IllegalStateException if Jetty or Vaadin fail to start; nothing is left running then
     */
    public static PortalServer start(ApplicationContext context, String host, int port) {
        return start(context, host, port, PortalSessionSettings.of(context));
    }

    /** Starts the portal with explicit session timeouts (see {@link PortalSessionSettings}). */
    public static PortalServer start(ApplicationContext context, String host, int port, PortalSessionSettings sessions) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("portal");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.addCustomizer(new TrustedProxyCustomizer(context.getBean(ClientAddresses.class)));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        // Outlives the web application: Jetty still reads the web root while it stops the context, so
        // a jar holding it must stay mounted until the server has stopped.
        ResourceFactory.Closeable webRootMount = ResourceFactory.closeable();
        try {
            server.setHandler(webApplication(context, webRoot(webRootMount), sessions));
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            webRootMount.close();
            throw new IllegalStateException("The portal did not start on " + host + ":" + port, e);
        }
        URI uri = URI.create("http://" + hostForUri(host) + ":" + connector.getLocalPort() + "/");
        LOG.info("Portal listening on {}", uri);
        return new PortalServer(server, webRootMount, uri);
    }

    private static WebAppContext webApplication(ApplicationContext context, Resource webRoot,
            PortalSessionSettings sessions) {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResource(webRoot);
        // Jetty 12.1's default descriptor names classes that are not on our classpath (503 otherwise).
        webapp.setDefaultsDescriptor(null);
        webapp.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, SCANNED_CLASSPATH);
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        // logback-classic registers a servlet container initializer whose listener stops logging for the
        // whole JVM when this context stops; the platform owns logging, not the portal.
        webapp.setInitParameter("logbackDisableServletContainerInitializer", "true");

        // The session cookie: never readable by scripts, not sent along by other sites' requests
        // except top-level navigations, and Secure whenever the visitor came over HTTPS (directly
        // or through a trusted proxy that says so). Jetty drops sessions idle for longer than the
        // idle timeout; PortalSessionFilter applies both timeouts to signed-in sessions.
        webapp.getSessionHandler().setHttpOnly(true);
        webapp.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        webapp.getSessionHandler().setSecureRequestOnly(true);
        webapp.getSessionHandler().setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE,
                Math.max(60, sessions.idleTimeout().toSeconds() + 60)));
        webapp.addFilter(new FilterHolder(new PortalSessionFilter(context.getBean(SessionService.class), sessions,
                context.getBean(Clock.class))), "/*", EnumSet.of(DispatcherType.REQUEST));
        webapp.addFilter(new FilterHolder(new UnknownPageStatus()), "/*", EnumSet.of(DispatcherType.REQUEST));

        ServletHolder vaadin = new ServletHolder("portal", new PortalServlet(context));
        vaadin.setAsyncSupported(true);
        vaadin.setInitOrder(1);
        // The portal always runs on the prebuilt production bundle (vaadin-dev is not on the classpath).
        // Set for the servlet and for the whole context: Flow's application configuration reads the
        // context's parameter, and without it development features stay on, such as ComponentTracker
        // keeping the creation stack location of every component (about 400 kB per session, G10).
        vaadin.setInitParameter(InitParameters.SERVLET_PARAMETER_PRODUCTION_MODE, "true");
        webapp.setInitParameter(InitParameters.SERVLET_PARAMETER_PRODUCTION_MODE, "true");
        webapp.addServlet(vaadin, "/*");
        // Vaadin's servlet answers every path; Jetty's fallback 404 servlet would only make Vaadin's
        // ServletDeployer warn that it cannot load that (container-private) class.
        webapp.getServletHandler().setEnsureDefaultServlet(false);
        return webapp;
    }

    /**
     * The portal's own static files ({@code io/tillbridge/ui/webroot/} on the classpath, in
     * {@code target/classes} or in the admin-ui jar). Jetty adds the {@code META-INF/resources} folders
     * of the scanned jars (Vaadin's static files, webjars) on top of it.
     */
    private static Resource webRoot(ResourceFactory resources) {
        URL marker = PortalServer.class.getResource(WEB_ROOT_MARKER);
        if (marker == null) {
            throw new IllegalStateException("The portal's web root is missing from the classpath: "
                    + PortalServer.class.getPackageName().replace('.', '/') + "/" + WEB_ROOT_MARKER);
        }
        String markerUri = marker.toExternalForm();
        String rootUri = markerUri.substring(0, markerUri.length() - "robots.txt".length());
        return resources.newResource(URI.create(rootUri));
    }

    /** The port the portal listens on (the chosen one when started with port 0). */
    public int port() {
        return uri.getPort();
    }

    /** The portal's root address, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        return uri;
    }

    /** Stops accepting requests and stops Jetty; calling it again does nothing. */
    @Override
    public void close() {
        if (server.isStopped()) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The portal did not stop cleanly", e);
        } finally {
            webRootMount.close();
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("Stopping a portal that failed to start also failed", e);
        }
    }

    private static String hostForUri(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
