package io.tillbridge.testing;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second platform process on the test's database, for tests of what processes share (quotas,
 * token locks). Started on first use, closed after the test class:
 * {@code @RegisterExtension final SecondProcess otherProcess = new SecondProcess(this::getProperties);}
 */
public final class SecondProcess implements AfterAllCallback {

    private final Supplier<Map<String, String>> properties;
    private ApplicationContext context;

    public SecondProcess(Supplier<Map<String, String>> properties) {
        this.properties = properties;
    }

    /** A bean of the second process. */
    public synchronized <T> T getBean(Class<T> type) {
        if (context == null) {
            context = ApplicationContext.run(new HashMap<String, Object>(properties.get()), "test");
        }
        return context.getBean(type);
    }

    @Override
    public synchronized void afterAll(ExtensionContext extensionContext) {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
