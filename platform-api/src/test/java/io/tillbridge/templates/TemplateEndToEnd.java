package io.tillbridge.templates;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * The steps the templates' end-to-end tests share: a tenant connected to a POS, a template installed
 * through the API, its integrations run by the worker until the source held still while they ran
 * (the platform's vendor sandboxes add sales as their clock moves, once a minute), and runs again
 * that must write nothing new.
 */
@SuppressWarnings("unchecked")
final class TemplateEndToEnd implements AutoCloseable {

    /** How often the runs are repeated when the sandbox's data changed while they ran. */
    private static final int ATTEMPTS = 3;

    /** A tenant whose POS connection is {@code connection}. */
    record Pos(UUID tenant, User owner, String connection) {
        String base() {
            return "/api/v1/tenants/" + tenant;
        }
    }

    private final ApiClient api;
    private final RunWorker worker;
    private final PosSandboxReads reads;
    /** The installed integrations, paused by {@link #close()}. */
    private final List<Map.Entry<Pos, String>> toPause = new java.util.ArrayList<>();

    TemplateEndToEnd(ApiClient api, RunWorker worker, PosSandboxReads reads) {
        this.api = api;
        this.worker = worker;
        this.reads = reads;
    }

    /** A new tenant connected to the platform's sandbox of {@code vendor}, as the portal connects it. */
    Pos sandbox(String vendor) {
        return connect(vendor, Map.of(), true);
    }

    /** A new tenant connected with {@code config} to {@code vendor}. */
    Pos connect(String vendor, Map<String, Object> config, boolean sandbox) {
        UUID tenant = newTenant("Template " + vendor + " shop");
        User owner = newMember(tenant, TenantRole.OWNER);
        String connection = created(api.post(owner, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId",
                vendor, "name", vendor + " POS", "config", config, "sandbox", sandbox)));
        return new Pos(tenant, owner, connection);
    }

    /** A target connection of the POS's tenant. */
    String target(Pos pos, String connector, Map<String, Object> config) {
        return created(api.post(pos.owner(), pos.base() + "/connections", Map.of("connectorId", connector, "name",
                connector, "config", config)));
    }

    /** Installs the template live and without schedules between the POS and {@code target}; its integrations by key. */
    Map<String, String> install(Pos pos, String template, String target) {
        Response installed = api.post(pos.owner(), pos.base() + "/templates/" + template + "/install", Map.of(
                "sourceConnectionId", pos.connection(), "targetConnectionId", target, "mode", "live", "schedule", false));
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        Map<String, String> byKey = new HashMap<>();
        for (Object made : (List<Object>) installed.json().get("integrations")) {
            Map<String, Object> m = (Map<String, Object>) made;
            byKey.put((String) m.get("key"), (String) ((Map<String, Object>) m.get("integration")).get("id"));
        }
        byKey.values().forEach(id -> toPause.add(Map.entry(pos, id)));
        return byKey;
    }

    /** The POS's records of {@code stream} now. */
    Map<String, SourceRecord> read(Pos pos, String stream) {
        return reads.read(pos.tenant(), pos.connection(), stream);
    }

    /**
     * Runs the integrations to the end, each without a record held in the error inbox, until the
     * streams read before and after the runs are the same; answers the streams' records as the runs
     * saw them, by stream.
     */
    Map<String, Map<String, SourceRecord>> runUntilStable(Pos pos, List<String> integrations, List<String> streams) {
        Map<String, Map<String, SourceRecord>> before = readAll(pos, streams);
        for (int attempt = 1; ; attempt++) {
            for (String integration : integrations) {
                Map<String, Object> run = run(pos, integration);
                assertThat(counts(run).get("failed").intValue()).as("records held in the error inbox: " + run).isZero();
            }
            Map<String, Map<String, SourceRecord>> after = readAll(pos, streams);
            if (versions(before).equals(versions(after))) {
                return after;
            }
            assertThat(attempt).as("the sandbox's data kept changing while the runs ran").isLessThan(ATTEMPTS);
            before = after;
        }
    }

    /**
     * Runs each integration again: with the POS unchanged since {@code seen}, nothing is written; if
     * the sandbox's clock added or changed records meanwhile, at most {@code rowsOf} each of them.
     */
    void secondRunsWriteNothingNew(Pos pos, List<String> integrations, List<String> streams,
            Map<String, Map<String, SourceRecord>> seen, ToLongFunction<SourceRecord> rowsOf) {
        List<Map<String, Object>> again = integrations.stream().map(integration -> run(pos, integration)).toList();
        long changed = 0;
        for (Map.Entry<String, Map<String, SourceRecord>> now : readAll(pos, streams).entrySet()) {
            Map<String, SourceRecord> earlier = seen.get(now.getKey());
            changed += now.getValue().values().stream().filter(r -> !earlier.containsKey(r.key())
                    || !version(earlier.get(r.key())).equals(version(r))).mapToLong(rowsOf).sum();
        }
        for (Map<String, Object> run : again) {
            long written = counts(run).get("written").longValue();
            assertThat(written).as("a second run writes nothing new: " + run).isLessThanOrEqualTo(changed);
            if (changed == 0) {
                assertThat(written).as(run.toString()).isZero();
            }
        }
    }

    /**
     * Pauses every integration installed here: the sandbox's clock keeps adding sales after the test,
     * and its webhooks would otherwise queue runs that the next tests' workers take on the way.
     */
    @Override
    public void close() {
        for (Map.Entry<Pos, String> integration : toPause) {
            Response paused = api.post(integration.getKey().owner(), integration.getKey().base() + "/integrations/"
                    + integration.getValue() + "/pause", null);
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        }
    }

    /** Whether the POS's streams hold exactly what {@code seen} holds. */
    boolean unchangedSince(Pos pos, List<String> streams, Map<String, Map<String, SourceRecord>> seen) {
        return versions(readAll(pos, streams)).equals(versions(seen));
    }

    Map<String, Object> run(Pos pos, String integration) {
        RunDriver runs = new RunDriver(api, worker, pos.owner(), pos.owner(), pos.base());
        Map<String, Object> run = runs.toTheEnd(runs.start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        return run;
    }

    static Map<String, Number> counts(Map<String, Object> run) {
        return (Map<String, Number>) run.get("counts");
    }

    private Map<String, Map<String, SourceRecord>> readAll(Pos pos, List<String> streams) {
        Map<String, Map<String, SourceRecord>> out = new HashMap<>();
        for (String stream : streams) {
            out.put(stream, read(pos, stream));
        }
        return out;
    }

    private static Map<String, Map<String, String>> versions(Map<String, Map<String, SourceRecord>> byStream) {
        Map<String, Map<String, String>> out = new HashMap<>();
        byStream.forEach((stream, records) -> {
            Map<String, String> versions = new HashMap<>();
            records.forEach((key, record) -> versions.put(key, version(record)));
            out.put(stream, versions);
        });
        return out;
    }

    private static String version(SourceRecord record) {
        return record.version() + "|" + record.data().hashCode();
    }

    static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    /** A number without trailing zeros, so that 4.50 and 4.5 compare equal; anything else as text. */
    static String plain(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
