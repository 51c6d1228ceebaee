package io.tillbridge.platform;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.SigningKeys;
import io.tillbridge.credentials.KeyEncryptionKeys;
import io.tillbridge.credentials.LocalKeyFile;
import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DemoWarehouseDatabase;
import io.tillbridge.migrations.EmbeddedDatabase;
import io.tillbridge.migrations.JdbcTarget;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running platform process without its portal: the database (embedded or configured), the
 * migrated schema, the Micronaut context with its services, and the public API when the
 * {@code api} role is on. The portal, which depends on this, is started by the launcher.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    /** The database the embedded server keeps the platform's data in. */
    static final String EMBEDDED_DATABASE = "tillbridge";
    /** The property Micronaut Security reads the token signing secret from. */
    public static final String JWT_SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    /** Micronaut's port of the management endpoints (health details, metrics). */
    static final String MANAGEMENT_PORT_PROPERTY = "endpoints.all.port";
    private static final String MANAGEMENT_LISTENER = "micronaut.server.netty.listeners.management.";
    private static final String PREVIOUS_SECRET_PREFIX = "micronaut.security.token.jwt.signatures.secret.previous-";
    /** Where the browsable API documentation is served. */
    public static final String API_DOCS_PATH = "/api/docs";

    private final PlatformSettings settings;
    private final EmbeddedDatabase embedded;
    private final DatabaseBootstrap.Prepared database;
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private Platform(PlatformSettings settings, EmbeddedDatabase embedded, DatabaseBootstrap.Prepared database,
            ApplicationContext context, EmbeddedServer server) {
        this.settings = settings;
        this.embedded = embedded;
        this.database = database;
        this.context = context;
        this.server = server;
    }

    /** Starts the database (if embedded), migrates, and starts the services and the API. */
    public static Platform start(PlatformSettings settings) {
        EmbeddedDatabase embedded = null;
        ApplicationContext context = null;
        try {
            DatabaseBootstrap.Prepared database;
            if (settings.usesEmbeddedDatabase()) {
                embedded = EmbeddedDatabase.start(settings.dataDirectory().resolve("postgres"),
                        settings.embeddedDatabasePort());
                // Random passwords kept in the data directory (DD-020), not the configured ones.
                database = embedded.provision(EMBEDDED_DATABASE, settings.appUser());
            } else {
                if (settings.appPassword().isBlank()) {
                    throw new IllegalArgumentException("TILLBRIDGE_DATABASE_APP_PASSWORD is not set: with a configured"
                            + " database (TILLBRIDGE_DATABASE_URL) the application role " + settings.appUser()
                            + " needs a password of its own; there is no default.");
                }
                database = DatabaseBootstrap.existing(
                        new JdbcTarget(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword()),
                        settings.appUser(), settings.appPassword());
            }
            Map<String, Object> properties = micronautProperties(settings, database.app());
            if (settings.demo()) {
                properties.putAll(demoProperties(settings, embedded, database));
            }
            context = ApplicationContext.builder()
                    .banner(false)
                    .deduceEnvironment(false)
                    .properties(properties)
                    .start();
            refuseLoggedMailInProduction(settings, context);
            // With the api role: the API and the management port. Without: the management port only.
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            if (settings.runs(PlatformRole.API)) {
                URI api = URI.create("http://" + displayHost(settings.host()) + ":" + server.getPort());
                context.getEnvironment().addPropertySource(PropertySource.of("tillbridge-runtime", Map.of(
                        "tillbridge.api.url", api.toString(),
                        "tillbridge.api.docs-url", api.resolve(API_DOCS_PATH).toString())));
            }
            LOG.info("Platform started with roles {}", settings.roles());
            return new Platform(settings, embedded, database, context, server);
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    static Map<String, Object> micronautProperties(PlatformSettings settings, JdbcTarget app) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", app.url());
        p.put("datasources.default.username", app.user());
        p.put("datasources.default.password", app.password());
        p.put("datasources.default.maximum-pool-size", settings.poolSize());
        p.put(PlatformMode.PROPERTY, settings.mode().wire());
        p.put(JWT_SECRET_PROPERTY, accessTokenSecret(settings));
        for (int i = 0; i < settings.jwtPreviousSecrets().size(); i++) {
            // Every named secret verifies tokens; only "generator" signs new ones (rotation, DD-020).
            p.put(PREVIOUS_SECRET_PREFIX + i + ".secret", settings.jwtPreviousSecrets().get(i));
            p.put(PREVIOUS_SECRET_PREFIX + i + ".jws-algorithm", "HS256");
        }
        if (settings.usesEmbeddedDatabase() && !LocalKeyFile.configured()) {
            // A laptop installation keeps its secrets key in the data directory, not in the database (DD-008).
            p.put(KeyEncryptionKeys.ACTIVE_PROPERTY, LocalKeyFile.readOrCreate(settings.dataDirectory()));
        }
        p.put("micronaut.server.host", settings.host());
        p.put("micronaut.server.port", settings.apiPort() == 0 ? -1 : settings.apiPort());
        // Detailed health and metrics on their own port, same host; the API port keeps a status-only /health.
        int managementPort = settings.managementPort() == 0 ? freePort() : settings.managementPort();
        p.put(MANAGEMENT_PORT_PROPERTY, managementPort);
        p.put("endpoints.health.details-visible", "ANONYMOUS");
        if (!settings.runs(PlatformRole.API)) {
            // A worker or scheduler process listens on the management port alone: no API route there.
            p.put(MANAGEMENT_LISTENER + "host", settings.host());
            p.put(MANAGEMENT_LISTENER + "port", managementPort);
            p.put(MANAGEMENT_LISTENER + "expose-default-routes", false);
        }
        for (PlatformRole role : PlatformRole.values()) {
            p.put(role.property(), settings.runs(role));
        }
        return p;
    }

    /**
     * The demo's settings (DD-041): its warehouse database, made ready here because only the
     * launcher holds a role that may create it, and its owner's password. Both passwords are derived
     * from the token signing secret, so every start sets and prints the same ones without keeping
     * another file.
     */
    static Map<String, Object> demoProperties(PlatformSettings settings, EmbeddedDatabase embedded,
            DatabaseBootstrap.Prepared database) {
        String secret = accessTokenSecret(settings);
        JdbcTarget admin = embedded != null ? embedded.superuser("postgres") : database.owner();
        JdbcTarget warehouse = DemoWarehouseDatabase.provision(admin, database.owner(),
                java.util.List.of(database.owner().user(), database.app().user()), derived(secret, "demo warehouse", 32));
        Map<String, Object> p = new HashMap<>();
        p.put("tillbridge.demo.enabled", true);
        p.put("tillbridge.demo.owner-password", derived(secret, "demo owner", 16));
        p.put("tillbridge.demo.warehouse.url", warehouse.url());
        p.put("tillbridge.demo.warehouse.user", warehouse.user());
        p.put("tillbridge.demo.warehouse.password", warehouse.password());
        p.put("tillbridge.demo.warehouse.schema", DemoWarehouseDatabase.SCHEMA);
        return p;
    }

    private static String derived(String secret, String purpose, int length) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] digest = mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, length);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The configured signing secret; in embedded and dev mode a key file in the data directory. */
    static String accessTokenSecret(PlatformSettings settings) {
        if (!settings.jwtSecret().isBlank()) {
            return settings.jwtSecret();
        }
        if (settings.mode().production()) {
            throw new IllegalArgumentException("TILLBRIDGE_JWT_SECRET is not set: in production mode (a configured"
                    + " database, or TILLBRIDGE_MODE=production) access tokens must be signed with a secret of at"
                    + " least 32 characters that every process shares, e.g. the output of 'openssl rand -base64 48'.");
        }
        return SigningKeys.localSecret(settings.dataDirectory());
    }

    /**
     * In production mode a process that sends mail (api, ui) needs an SMTP server: the log mailer
     * would write verification, password-reset and invitation links where log readers see them.
     */
    private static void refuseLoggedMailInProduction(PlatformSettings settings, ApplicationContext context) {
        boolean sendsMail = settings.runs(PlatformRole.API) || settings.runs(PlatformRole.UI);
        if (settings.mode().production() && sendsMail
                && context.getProperty("tillbridge.mail.smtp.host", String.class).filter(h -> !h.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("TILLBRIDGE_MAIL_SMTP_HOST is not set: in production mode (a configured"
                    + " database, or TILLBRIDGE_MODE=production) mail with sign-in links must go to an SMTP server,"
                    + " never to the log. Configure TILLBRIDGE_MAIL_SMTP_HOST (and _PORT, _USER, _PASSWORD), or set"
                    + " TILLBRIDGE_MODE=dev on a development machine.");
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No free port for the management endpoints: " + e.getMessage(), e);
        }
    }

    /** Where detailed health and Prometheus metrics are served (every role). */
    public Optional<URI> managementUri() {
        return Optional.ofNullable(server).map(s -> URI.create("http://" + displayHost(settings.host()) + ":"
                + context.getRequiredProperty(MANAGEMENT_PORT_PROPERTY, Integer.class)));
    }

    public ApplicationContext context() {
        return context;
    }

    public PlatformSettings settings() {
        return settings;
    }

    /** The application role's connection (what the services use). */
    public JdbcTarget database() {
        return database.app();
    }

    /** The API's root URI, when the api role runs. */
    public Optional<URI> apiUri() {
        return Optional.ofNullable(server).filter(s -> settings.runs(PlatformRole.API))
                .map(s -> URI.create("http://" + displayHost(settings.host()) + ":" + s.getPort()));
    }

    /** Where a person reads the API documentation, when the api role runs. */
    public Optional<URI> apiDocsUri() {
        return apiUri().map(u -> u.resolve(API_DOCS_PATH));
    }

    static String displayHost(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
    }

    /** Stops the API, the services and the embedded database, in that order. */
    @Override
    public void close() {
        if (server != null && server.isRunning()) {
            server.stop();
        }
        if (context.isRunning()) {
            context.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        LOG.info("Platform stopped");
    }
}
