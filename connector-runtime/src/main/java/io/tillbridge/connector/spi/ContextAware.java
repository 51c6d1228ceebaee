package io.tillbridge.connector.spi;

/**
 * A connector that uses the runtime's {@link ConnectorContext} (shared request quotas, OAuth2
 * tokens kept by the runtime). The runtime calls {@link #useContext} once, right after creating
 * the instance and before any verb. A connector that is never given a context (a unit test, a
 * tool without a runtime) uses {@link ConnectorContext#standalone()}.
 */
public interface ContextAware {

    /** Called once per instance, before any other call, on the thread that creates it. */
    void useContext(ConnectorContext context);
}
