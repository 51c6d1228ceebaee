package io.tillbridge.connector.warehouse;

import io.tillbridge.connector.SecretRedactor;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;

/**
 * Where the warehouse is and as whom to write: a PostgreSQL JDBC URL, a user and its password, and
 * the schema the tables live in.
 *
 * <p>The URL comes from a merchant and is used on our servers, so only a few harmless parameters
 * are allowed in it: pgjdbc parameters such as {@code socketFactory}, {@code sslfactory} or
 * {@code loggerFile} instantiate classes or write files (CVE-2022-21724, CVE-2022-26520), and a
 * user or password in the URL would escape the secret handling.
 */
public record PostgresWarehouseConfig(
        @ConfigProperty(title = "JDBC URL", order = 1, target = true, example = "jdbc:postgresql://warehouse.example.com:5432/analytics",
                description = "jdbc:postgresql://host:port/database, optionally with sslmode")
        @NotBlank String jdbcUrl,
        @ConfigProperty(title = "User", order = 2) @NotBlank String user,
        @ConfigProperty(title = "Password", order = 3, secret = true) String password,
        @ConfigProperty(title = "Schema", order = 4, defaultValue = "tillbridge",
                description = "The schema the tables are written to; created when missing")
        @Pattern(regexp = SCHEMA_PATTERN) String schema,
        @ConfigProperty(title = "Timeout (seconds)", order = 10, group = "Advanced", defaultValue = "120",
                description = "How long one statement may take before the write is retried later")
        @Min(5) @Max(3600) Integer timeoutSeconds) {

    static final String SCHEMA_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    private static final Set<String> ALLOWED_URL_PARAMETERS = Set.of("ssl", "sslmode", "applicationname",
            "connecttimeout", "sockettimeout", "logintimeout", "tcpkeepalive", "targetservertype",
            "channelbinding", "gssencmode");

    /** What the driver's parse puts in for host, port and database. */
    private static final Set<String> URL_PARTS = Set.of("PGHOST", "PGPORT", "PGDBNAME");

    public PostgresWarehouseConfig {
        jdbcUrl = jdbcUrl == null ? null : jdbcUrl.trim();
        schema = schema == null || schema.isBlank() ? "tillbridge" : schema.trim();
        timeoutSeconds = timeoutSeconds == null ? 120 : timeoutSeconds;
    }

    public static PostgresWarehouseConfig of(String jdbcUrl, String user, String password, String schema) {
        return new PostgresWarehouseConfig(jdbcUrl, user, password, schema, null);
    }

    /** The parameter problems, found without connecting; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            problems.add("JDBC URL must start with jdbc:postgresql://");
        } else {
            Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
            if (parsed == null) {
                problems.add("JDBC URL is not a valid PostgreSQL URL");
            } else {
                // The driver's own parse, so that an encoded or repeated parameter is judged as it would be used.
                for (String key : parsed.stringPropertyNames().stream().sorted().toList()) {
                    if (!URL_PARTS.contains(key) && !ALLOWED_URL_PARAMETERS.contains(key.toLowerCase(Locale.ROOT))) {
                        problems.add("JDBC URL parameter '" + key + "' is not allowed; allowed are "
                                + String.join(", ", ALLOWED_URL_PARAMETERS.stream().sorted().toList()));
                    }
                }
            }
        }
        if (user == null || user.isBlank()) {
            problems.add("user is required");
        }
        if (!schema.matches(SCHEMA_PATTERN)) {
            problems.add("schema must be a plain identifier: letters, digits and _, at most 63");
        }
        if (timeoutSeconds < 5 || timeoutSeconds > 3600) {
            problems.add("timeout must be 5-3600 s");
        }
        return problems;
    }

    public PostgresWarehouseConfig withJdbcUrl(String url) {
        return new PostgresWarehouseConfig(url, user, password, schema, timeoutSeconds);
    }

    public PostgresWarehouseConfig withCredentials(String newUser, String newPassword) {
        return new PostgresWarehouseConfig(jdbcUrl, newUser, newPassword, schema, timeoutSeconds);
    }

    public PostgresWarehouseConfig withSchema(String newSchema) {
        return new PostgresWarehouseConfig(jdbcUrl, user, password, newSchema, timeoutSeconds);
    }

    /** Secrets masked: a config can be logged. */
    @Override
    public String toString() {
        return SecretRedactor.describe(this);
    }
}
