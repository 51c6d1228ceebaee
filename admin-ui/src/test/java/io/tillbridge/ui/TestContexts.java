package io.tillbridge.ui;

import io.micronaut.context.ApplicationContext;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/** Micronaut contexts for portal tests: the platform's beans on the test run's database. */
public final class TestContexts {

    private TestContexts() {
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
        properties.putAll(extra);
        return ApplicationContext.run(properties);
    }
}
