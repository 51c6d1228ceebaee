package io.tillbridge.ui;

import io.micronaut.context.ApplicationContext;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/** Micronaut contexts for portal tests: the platform's beans on the test run's database. */
public final class TestContexts {

    /** A key-encryption key for the secrets vault, so that connections can keep their credentials. */
    public static final String TEST_KEK = "portal-test-kek:" + java.util.Base64.getEncoder().encodeToString(
            "tillbridge-portal-kek-0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private TestContexts() {
    }

    /**
     * A context whose connections work: the vault has a key, and connectors may reach loopback (where
     * the vendor sandboxes listen), as an operator may allow a range.
     */
    public static ApplicationContext withConnections(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of("tillbridge.secrets.kek", TEST_KEK,
                "tillbridge.egress.allow", "127.0.0.0/8,::1"));
        properties.putAll(extra);
        return run(properties);
    }

    public static ApplicationContext run() {
        return run(Map.of());
    }

    public static ApplicationContext run(Map<String, Object> extra) {
        JdbcTarget app = TestDatabase.shared().app();
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", app.url());
        properties.put("datasources.default.username", app.user());
        properties.put("datasources.default.password", app.password());
        properties.put("datasources.default.maximum-pool-size", 2);
        properties.put(io.tillbridge.platform.Platform.JWT_SECRET_PROPERTY, "test-signing-secret-0123456789abcdef0123456789");
        // Tests drive outbound webhooks themselves; no background pass publishes or sends unasked.
        properties.put("tillbridge.webhooks.polling", false);
        properties.putAll(extra);
        return ApplicationContext.run(properties);
    }

    /**
     * The whole platform (every role, API and portal on free loopback ports) launched on the test
     * run's database, as {@code ./tillbridge} starts it, signing tokens with {@code jwtSecret};
     * {@code extra} settings are added (e.g. {@code tillbridge.mode=dev} without an SMTP server).
     */
    public static io.tillbridge.Tillbridge launch(String jwtSecret, Map<String, String> extra) {
        JdbcTarget owner = TestDatabase.shared().owner();
        Map<String, String> settings = new HashMap<>(Map.of(
                "tillbridge.database.url", owner.url(),
                "tillbridge.database.user", owner.user(),
                "tillbridge.database.password", owner.password(),
                "tillbridge.database.app-password", TestDatabase.shared().app().password(),
                "tillbridge.jwt-secret", jwtSecret,
                "tillbridge.management.port", "0",
                "tillbridge.host", "127.0.0.1",
                "tillbridge.api.port", "0",
                "tillbridge.portal.port", "0"));
        settings.putAll(extra);
        return io.tillbridge.Tillbridge.start(io.tillbridge.platform.PlatformSettings.fromMap(settings));
    }
}
