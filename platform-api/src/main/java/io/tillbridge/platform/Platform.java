package io.tillbridge.platform;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.access.SigningKeys;
import io.tillbridge.credentials.KeyEncryptionKeys;
import io.tillbridge.credentials.LocalKeyFile;
import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseRoles;
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
                database = DatabaseBootstrap.provision(embedded.superuser("postgres"), EMBEDDED_DATABASE,
                        new DatabaseRoles(DatabaseRoles.DEFAULT_OWNER, "tillbridge_owner",
                                settings.appUser(), settings.appPassword()));
            } else {
                database = DatabaseBootstrap.existing(
                        new JdbcTarget(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword()),
                        settings.appUser(), settings.appPassword());
            }
            context = ApplicationContext.builder()
                    .banner(false)
                    .deduceEnvironment(false)
                    .properties(micronautProperties(settings, database.app()))
                    .start();
            EmbeddedServer server = null;
            if (settings.runs(PlatformRole.API)) {
                server = context.getBean(EmbeddedServer.class);
                server.start();
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
        p.put(JWT_SECRET_PROPERTY, settings.jwtSecret().isBlank()
                ? SigningKeys.accessTokenSecret(app) : settings.jwtSecret());
        if (settings.usesEmbeddedDatabase() && !LocalKeyFile.configured()) {
            // A laptop installation keeps its secrets key in the data directory, not in the database (DD-008).
            p.put(KeyEncryptionKeys.ACTIVE_PROPERTY, LocalKeyFile.readOrCreate(settings.dataDirectory()));
        }
        p.put("micronaut.server.host", settings.host());
        p.put("micronaut.server.port", settings.apiPort() == 0 ? -1 : settings.apiPort());
        for (PlatformRole role : PlatformRole.values()) {
            p.put(role.property(), settings.runs(role));
        }
        return p;
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
        return Optional.ofNullable(server).map(s -> URI.create("http://" + displayHost(settings.host()) + ":" + s.getPort()));
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
