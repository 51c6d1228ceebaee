package io.tillbridge.connector.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compiled mappings by key (for example integration and version): a version's spec never changes,
 * so it is compiled once and kept. Thread-safe; least recently used entries go beyond a maximum.
 */
public final class CompiledMappingCache<K> {

    private final Map<K, CompiledMapping> entries;

    public CompiledMappingCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompiledMapping> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The compiled mapping for the key, compiling the spec on the first request.
     *
     * @throws IllegalArgumentException if the spec does not compile (a stored version always does)
     */
    public CompiledMapping get(K key, Supplier<MappingSpec> spec) {
        synchronized (entries) {
            CompiledMapping cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        MappingCompiler.Compilation compilation = MappingCompiler.compile(spec.get());
        if (!compilation.ok()) {
            throw new IllegalArgumentException("the mapping does not compile: " + compilation.errors());
        }
        synchronized (entries) {
            return entries.computeIfAbsent(key, k -> compilation.mapping());
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
