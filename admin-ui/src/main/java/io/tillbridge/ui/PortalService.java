package io.tillbridge.ui;

import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletService;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;

/**
 * The portal's Vaadin service: views come from the Micronaut context, and static files packed in
 * jars are served on every Jetty 12 build.
 */
class PortalService extends VaadinServletService {

    private final transient ApplicationContext context;

    PortalService(VaadinServlet servlet, DeploymentConfiguration configuration, ApplicationContext context) {
        super(servlet, configuration);
        this.context = context;
    }

    @Override
    protected Instantiator createInstantiator() {
        return new MicronautInstantiator(this, context);
    }

    /**
     * Finds a static file (e.g. {@code /VAADIN/static/push/vaadinPush.js}, a webjar, anything under
     * {@code META-INF/resources} of a jar) through the servlet context.
     *
     * <p>Why this override: Jetty 12 answers {@code ServletContext.getResource} with a URL even for a
     * file that does not exist, so Flow 24.9 checks the URL with {@code Files.exists(Path.of(uri))}.
     * For a {@code jar:file:...!/entry} URL that needs the jar's NIO file system to be mounted already;
     * Jetty up to 12.1.8 happened to keep it mounted, 12.1.9 and later do not, so Flow's check throws
     * {@code FileSystemNotFoundException} and every file inside a jar answers 500. Opening a stream uses
     * {@code JarURLConnection} / {@code FileURLConnection}, which do not depend on mounted file systems,
     * and tells both "no such file" and "no such jar entry" apart. This is the fix of vaadin/flow pull
     * request 24283; drop the override once the Flow version in use contains it.
     */
    @Override
    public URL getStaticResource(String path) {
        try {
            URL url = getServlet().getServletContext().getResource(path);
            return url != null && canBeRead(url) ? url : null;
        } catch (MalformedURLException e) {
            return null;
        }
    }

    private static boolean canBeRead(URL url) {
        try (InputStream ignored = url.openStream()) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
