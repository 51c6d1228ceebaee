package io.tillbridge.connector;

import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The connectors on the class path, found with {@link ServiceLoader} (each jar lists its
 * connectors in {@code META-INF/services/io.tillbridge.connector.spi.Connector}). The registry
 * keeps providers, not instances: {@link #create(String)} returns a new instance for each
 * operation, as the call contract of {@link Connector} promises, and the caller closes it.
 */
public final class ConnectorRegistry {

    private final Map<String, ServiceLoader.Provider<Connector<?>>> providers;
    private final Map<String, ConnectorSpec<?>> specs;

    private ConnectorRegistry(Map<String, ServiceLoader.Provider<Connector<?>>> providers,
                              Map<String, ConnectorSpec<?>> specs) {
        this.providers = providers;
        this.specs = specs;
    }

    /** The connectors visible to the given class loader. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ConnectorRegistry load(ClassLoader classLoader) {
        Map<String, ServiceLoader.Provider<Connector<?>>> providers = new LinkedHashMap<>();
        Map<String, ConnectorSpec<?>> specs = new LinkedHashMap<>();
        ServiceLoader<Connector> loader = ServiceLoader.load(Connector.class, classLoader);
        for (ServiceLoader.Provider provider : loader.stream().toList()) {
            ConnectorSpec<?> spec;
            try (Connector<?> probe = (Connector<?>) provider.get()) {
                spec = probe.spec();
            }
            ServiceLoader.Provider<Connector<?>> known = providers.putIfAbsent(spec.id(), provider);
            if (known != null) {
                throw new IllegalStateException("two connectors have the id " + spec.id() + ": "
                        + known.type().getName() + " and " + provider.type().getName());
            }
            specs.put(spec.id(), spec);
        }
        return new ConnectorRegistry(Collections.unmodifiableMap(providers), Collections.unmodifiableMap(specs));
    }

    /** The connectors visible to this class's class loader. */
    public static ConnectorRegistry load() {
        return load(ConnectorRegistry.class.getClassLoader());
    }

    /** Every connector's spec, in class path order. */
    public List<ConnectorSpec<?>> specs() {
        return List.copyOf(specs.values());
    }

    public Optional<ConnectorSpec<?>> spec(String id) {
        return Optional.ofNullable(specs.get(id));
    }

    /**
     * A new instance of the connector with this id; the caller must close it.
     *
     * @throws NoSuchElementException if no connector has this id
     */
    public Connector<?> create(String id) {
        ServiceLoader.Provider<Connector<?>> provider = providers.get(id);
        if (provider == null) {
            throw new NoSuchElementException("no connector with the id " + id);
        }
        return provider.get();
    }
}
