package io.tillbridge.platform;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How a platform process is configured before anything starts: where the database is, which
 * roles run, and on which ports. Each setting is read from a system property
 * ({@code -Dtillbridge.api.port=9000}) or else an environment variable
 * ({@code TILLBRIDGE_API_PORT=9000}).
 *
 * @param databaseUrl JDBC URL of an existing database; blank starts an embedded PostgreSQL
 * @param databaseUser the owner role: runs migrations (used with {@code databaseUrl})
 * @param databasePassword password of the owner role
 * @param appUser the role the application connects as; created if missing; owns nothing
 * @param appPassword password of the application role; required with {@code databaseUrl} (the embedded
 *        database keeps random passwords in its data directory)
 * @param dataDirectory where the embedded database keeps its data between restarts
 * @param embeddedDatabasePort the embedded database's port (127.0.0.1 only)
 * @param host the address the API and the portal listen on
 * @param apiPort the API's port (0 picks a free one)
 * @param portalPort the portal's port (0 picks a free one)
 * @param poolSize the application's connection pool size
 * @param roles the roles this process runs
 * @param jwtSecret the secret access tokens are signed with; blank: a key file in the data directory
 *        (embedded and dev mode only)
 * @param jwtPreviousSecrets retired signing secrets still accepted for verification during a rotation
 * @param mode embedded, dev or production (DD-020); derived from {@code databaseUrl} unless set
 * @param managementPort the port of health details and metrics (0 picks a free one)
 * @param demo whether the first start creates the demo tenant (DD-041); on by default with the embedded
 *        database only
 */
public record PlatformSettings(
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String appUser,
        String appPassword,
        Path dataDirectory,
        int embeddedDatabasePort,
        String host,
        int apiPort,
        int portalPort,
        int poolSize,
        Set<PlatformRole> roles,
        String jwtSecret,
        List<String> jwtPreviousSecrets,
        PlatformMode mode,
        int managementPort,
        boolean demo) {

    public PlatformSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(roles, "roles");
        roles = Set.copyOf(roles);
        databaseUrl = databaseUrl == null ? "" : databaseUrl.trim();
        jwtSecret = jwtSecret == null ? "" : jwtSecret;
        if (!jwtSecret.isBlank() && jwtSecret.length() < 32) {
            throw new IllegalArgumentException("TILLBRIDGE_JWT_SECRET must be at least 32 characters long");
        }
        jwtPreviousSecrets = List.copyOf(jwtPreviousSecrets == null ? List.of() : jwtPreviousSecrets);
        if (jwtPreviousSecrets.stream().anyMatch(secret -> secret.length() < 32)) {
            throw new IllegalArgumentException("each of TILLBRIDGE_JWT_PREVIOUS_SECRETS must be at least 32 characters long");
        }
        Objects.requireNonNull(mode, "mode");
    }

    /** Reads the settings from system properties, then the environment, then defaults. */
    public static PlatformSettings fromEnvironment() {
        return from(key -> {
            String property = System.getProperty(key);
            return property != null ? property : System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        });
    }

    /** Reads the settings from the given map of dotted keys (tests). */
    public static PlatformSettings fromMap(Map<String, String> values) {
        return from(values::get);
    }

    private static PlatformSettings from(Function<String, String> source) {
        Function<String, String> get = key -> {
            String v = source.apply(key);
            return v == null || v.isBlank() ? null : v.trim();
        };
        String home = System.getProperty("user.home");
        return new PlatformSettings(
                or(get.apply("tillbridge.database.url"), ""),
                or(get.apply("tillbridge.database.user"), "postgres"),
                or(get.apply("tillbridge.database.password"), ""),
                or(get.apply("tillbridge.database.app-user"), "tillbridge_app"),
                or(get.apply("tillbridge.database.app-password"), ""),
                Path.of(or(get.apply("tillbridge.data-dir"), Path.of(home, ".tillbridge").toString())).toAbsolutePath(),
                port(get, "tillbridge.embedded-db.port", 15432),
                or(get.apply("tillbridge.host"), "localhost"),
                port(get, "tillbridge.api.port", 8081),
                port(get, "tillbridge.portal.port", 8080),
                integer(get, "tillbridge.database.pool-size", 10),
                PlatformRole.parse(get.apply("tillbridge.roles")),
                or(get.apply("tillbridge.jwt-secret"), ""),
                previousSecrets(get.apply("tillbridge.jwt-previous-secrets")),
                PlatformMode.resolve(get.apply("tillbridge.mode"), or(get.apply("tillbridge.database.url"), "").isBlank()),
                port(get, "tillbridge.management.port", 8082),
                bool(get, "tillbridge.demo", or(get.apply("tillbridge.database.url"), "").isBlank()));
    }

    private static List<String> previousSecrets(String raw) {
        return raw == null ? List.of()
                : Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean usesEmbeddedDatabase() {
        return databaseUrl.isBlank();
    }

    public boolean runs(PlatformRole role) {
        return roles.contains(role);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static boolean bool(Function<String, String> get, String key, boolean fallback) {
        String raw = get.apply(key);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + raw);
        };
    }

    private static int port(Function<String, String> get, String key, int fallback) {
        int value = integer(get, key, fallback);
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(key + " must be a port number from 0 to 65535, not " + value);
        }
        return value;
    }

    private static int integer(Function<String, String> get, String key, int fallback) {
        String raw = get.apply(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + raw + "'");
        }
    }
}
