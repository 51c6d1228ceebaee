package io.tillbridge.connections;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the OAuth flow returns to: the API's callback that vendors redirect the merchant's browser
 * to ({@code tillbridge.oauth.callback-url}, else {@code tillbridge.api.url} or the running API's
 * own address, plus {@value #CALLBACK_PATH}), and the portal page where the merchant continues
 * ({@code tillbridge.portal.url}{@code /connections/<id>}). Read at use, because the launcher sets
 * the API's and the portal's addresses only once they have started. Also the OAuth clients the
 * operator configured per connector: {@code tillbridge.oauth.<connector>.client-id} and
 * {@code .client-secret} (from the environment, e.g. {@code TILLBRIDGE_OAUTH_SQUARE_CLIENT_SECRET}).
 */
@Singleton
public class OAuthAddresses {

    /** The path of the callback route. */
    public static final String CALLBACK_PATH = "/api/v1/oauth/callback";
    /** The portal's address when none is configured or known (as in account mail). */
    static final String DEFAULT_PORTAL_URL = "http://localhost:8080";

    /** An OAuth application's credentials at a vendor. Holds a secret: {@link #toString()} hides it. */
    public record Client(String id, String secret) {

        @Override
        public String toString() {
            return "Client[" + id + "]";
        }
    }

    private final Environment environment;
    private final BeanProvider<EmbeddedServer> server;

    public OAuthAddresses(Environment environment, BeanProvider<EmbeddedServer> server) {
        this.environment = environment;
        this.server = server;
    }

    /** The callback URL registered with every vendor's OAuth application. */
    public URI callback() {
        Optional<String> configured = environment.getProperty("tillbridge.oauth.callback-url", String.class)
                .filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            return URI.create(configured.get());
        }
        String base = environment.getProperty("tillbridge.api.url", String.class).filter(s -> !s.isBlank())
                .orElseGet(() -> server.get().getURL().toString());
        return URI.create(trimmed(base) + CALLBACK_PATH);
    }

    /** Where the portal shows the new connection. */
    public URI portalContinue(UUID connectionId) {
        return portal("connections/" + connectionId);
    }

    /** A page of the portal ({@code tillbridge.portal.url} plus {@code path}, which has no leading slash). */
    public URI portal(String path) {
        String portal = environment.getProperty("tillbridge.portal.url", String.class).filter(s -> !s.isBlank())
                .orElse(DEFAULT_PORTAL_URL);
        return URI.create(trimmed(portal) + "/" + path);
    }

    /** The operator's OAuth application for a connector, if both id and secret are configured. */
    public Optional<Client> client(String connectorId) {
        String prefix = "tillbridge.oauth." + connectorId + ".";
        Optional<String> id = environment.getProperty(prefix + "client-id", String.class).filter(s -> !s.isBlank());
        Optional<String> secret = environment.getProperty(prefix + "client-secret", String.class)
                .filter(s -> !s.isBlank());
        return id.isPresent() && secret.isPresent() ? Optional.of(new Client(id.get(), secret.get())) : Optional.empty();
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
