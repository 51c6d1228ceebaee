package io.tillbridge.engine;

import io.tillbridge.connector.spi.ConfigProperty;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test target that keeps its rows in memory by idempotency key and records every call. A test
 * makes it reject records (by their {@code id} field) or fail the next writes with TRANSIENT.
 */
public final class RecordingTarget extends TestConnector<RecordingTarget.Config> implements TargetConnector<RecordingTarget.Config> {

    public RecordingTarget() {
        super(SPEC);
    }

    /** Names the behaviour to use. */
    public record Config(@ConfigProperty(title = "Name") @NotBlank String name) {
    }

    /** What one named target holds and does. */
    static final class Behaviour {
        final Map<String, Map<String, Object>> rows = new ConcurrentHashMap<>();
        final List<List<WriteRecord>> writes = new CopyOnWriteArrayList<>();
        final Set<String> rejectIds = ConcurrentHashMap.newKeySet();
        final AtomicInteger transientFailures = new AtomicInteger();
    }

    static final ConnectorSpec<Config> SPEC = new ConnectorSpec<>("test-recording-target", "Recording target (tests)",
            "1.0.0", Set.of(ConnectorSpec.Role.TARGET), Config.class);

    static final Map<String, Behaviour> TARGETS = new ConcurrentHashMap<>();

    /** The rows a named target holds, by idempotency key (for tests in other packages). */
    public static Map<String, Map<String, Object>> rows(String name) {
        return named(name).rows;
    }

    /** How many write calls a named target has had. */
    public static int writeCalls(String name) {
        return named(name).writes.size();
    }

    static Behaviour named(String name) {
        return TARGETS.computeIfAbsent(name, n -> new Behaviour());
    }

    @Override
    public List<WriteResult> write(Config config, String object, List<WriteRecord> batch) {
        Behaviour target = named(config.name());
        target.writes.add(List.copyOf(batch));
        if (target.transientFailures.get() > 0) {
            target.transientFailures.decrementAndGet();
            throw new ConnectorException(ConnectorException.Category.TRANSIENT, "the target answered 503");
        }
        List<WriteResult> results = new ArrayList<>();
        for (WriteRecord record : batch) {
            if (target.rejectIds.contains(String.valueOf(record.data().get("id")))) {
                results.add(WriteResult.rejected(record.idempotencyKey(), "the target refused id "
                        + record.data().get("id")));
            } else if (Objects.equals(target.rows.get(record.idempotencyKey()), record.data())) {
                results.add(WriteResult.unchanged(record.idempotencyKey(), "ref-" + record.data().get("id")));
            } else {
                target.rows.put(record.idempotencyKey(), new LinkedHashMap<>(record.data()));
                results.add(WriteResult.written(record.idempotencyKey(), "ref-" + record.data().get("id")));
            }
        }
        return results;
    }

    @Override
    public Map<String, Map<String, Object>> current(Config config, String object, List<WriteRecord> records) {
        Behaviour target = named(config.name());
        Map<String, Map<String, Object>> current = new LinkedHashMap<>();
        records.forEach(r -> {
            Map<String, Object> row = target.rows.get(r.idempotencyKey());
            if (row != null) {
                current.put(r.idempotencyKey(), row);
            }
        });
        return current;
    }
}
