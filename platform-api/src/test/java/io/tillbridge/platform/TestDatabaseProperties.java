package io.tillbridge.platform;

import io.micronaut.test.support.TestPropertyProvider;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Points a {@code @MicronautTest} at the test run's PostgreSQL database, connecting as the
 * application role exactly as the platform does. Extend it and add properties with
 * {@link #extraProperties()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TestDatabaseProperties implements TestPropertyProvider {

    /** The token signing secret of test contexts. */
    public static final String TEST_JWT_SECRET = "test-signing-secret-0123456789abcdef0123456789";
    /** The secrets vault's key-encryption key of test contexts ({@code <id>:<base64 of 32 bytes>}). */
    public static final String TEST_KEK = "test-kek-1:" + java.util.Base64.getEncoder().encodeToString(
            "tillbridge-test-kek-0123456789ab".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @Override
    public Map<String, String> getProperties() {
        JdbcTarget app = TestDatabase.shared().app();
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", app.url());
        properties.put("datasources.default.username", app.user());
        properties.put("datasources.default.password", app.password());
        properties.put(Platform.JWT_SECRET_PROPERTY, TEST_JWT_SECRET);
        properties.put("micronaut.server.port", "-1");
        // Many test contexts share one server: keep idle connections few.
        properties.put("datasources.default.maximum-pool-size", "10");
        properties.put("datasources.default.minimum-idle", "2");
        properties.put("tillbridge.secrets.kek", TEST_KEK);
        // Tests drive the run worker with RunWorker.runOnce(), so that no background claimer takes their runs.
        properties.put("tillbridge.worker.polling", "false");
        // Tests drive outbound webhooks themselves (WebhookDispatcher.dispatch(), WebhookSender.sendDue()).
        properties.put("tillbridge.webhooks.polling", "false");
        // Tests start the scheduler themselves (ScheduleClock.start()), so that no trigger fires unasked.
        properties.put("tillbridge.scheduler.auto-start", "false");
        // Fake vendor servers and test warehouses listen on loopback: allowed, as an operator allows an
        // internal host. The platform database (the test PostgreSQL) and the API's port stay refused.
        properties.put("tillbridge.egress.allow", "127.0.0.0/8,::1");
        // Tests sign in and sign up far more often than people do: the per-address limits of the
        // anonymous routes have their own tests (AnonymousRateLimitsIT), which switch them on.
        properties.put("tillbridge.rate-limits.anonymous.enabled", "false");
        properties.putAll(extraProperties());
        return properties;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }
}
