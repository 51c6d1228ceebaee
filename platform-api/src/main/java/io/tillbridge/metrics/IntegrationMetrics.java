package io.tillbridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Value;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-integration metrics on the Prometheus endpoint, labelled {@code tenant} and {@code integration}
 * (ids) and never by record, location or error, so that a process exports a bounded number of
 * series: at most {@code tillbridge.metrics.max-integrations} integrations (default 500) get series
 * of their own; the runs and records of any other integration count under
 * {@code tenant="other", integration="other"}, and their gauges are left out (counted in
 * {@code tillbridge_metrics_integrations_over_cap}).
 * <ul>
 * <li>{@code tillbridge_integration_runs_total{status}}: finished runs (succeeded, failed, cancelled),
 * counted by the worker that finished them;</li>
 * <li>{@code tillbridge_integration_records_total{kind}}: records of finished runs (read, written,
 * unchanged, failed);</li>
 * <li>gauges refreshed by {@link IntegrationGauges} on scheduler processes:
 * {@code tillbridge_integration_open_errors}, {@code tillbridge_integration_queued_runs},
 * {@code tillbridge_integration_consecutive_failures} and
 * {@code tillbridge_integration_freshness_seconds} (the age of the newest source record taken in,
 * over all its locations).</li>
 * </ul>
 */
@Singleton
public class IntegrationMetrics {

    /** The labels of one integration's series. */
    record Key(String tenant, String integration) {
        static final Key OTHER = new Key("other", "other");

        Tags tags() {
            return Tags.of("tenant", tenant, "integration", integration);
        }
    }

    /** The gauges of one integration, set by each refresh. */
    static final class Values {
        final AtomicLong openErrors = new AtomicLong();
        final AtomicLong queuedRuns = new AtomicLong();
        final AtomicLong consecutiveFailures = new AtomicLong();
        final AtomicLong freshnessSeconds = new AtomicLong(-1);
    }

    private final MeterRegistry registry;
    private final int maxIntegrations;
    private final Set<Key> admitted = ConcurrentHashMap.newKeySet();
    private final Map<Key, Values> gauges = new ConcurrentHashMap<>();
    private final AtomicLong overCap = new AtomicLong();

    public IntegrationMetrics(MeterRegistry registry,
            @Value("${tillbridge.metrics.max-integrations:500}") int maxIntegrations) {
        if (maxIntegrations < 1) {
            throw new IllegalArgumentException("tillbridge.metrics.max-integrations must be at least 1");
        }
        this.registry = registry;
        this.maxIntegrations = maxIntegrations;
        Gauge.builder("tillbridge_metrics_integrations_over_cap", overCap, AtomicLong::get)
                .description("Integrations whose gauges are left out: more than tillbridge.metrics.max-integrations")
                .register(registry);
    }

    /** Counts a finished run and its records. */
    public void runFinished(TenantId tenant, UUID integration, RunStatus status, RunCounts counts) {
        Tags tags = key(tenant.value(), integration).tags();
        Counter.builder("tillbridge_integration_runs_total").description("Finished runs per integration and status")
                .tags(tags).tag("status", status.name().toLowerCase(Locale.ROOT)).register(registry).increment();
        record(tags, "read", counts.read());
        record(tags, "written", counts.written());
        record(tags, "unchanged", counts.unchanged());
        record(tags, "failed", counts.failed());
    }

    private void record(Tags tags, String kind, long records) {
        Counter.builder("tillbridge_integration_records_total").description("Records of finished runs per integration")
                .tags(tags).tag("kind", kind).register(registry).increment(records);
    }

    /**
     * The gauges of one integration as of a refresh; answers false (and sets nothing) when the
     * integration is over the cap.
     */
    boolean gauges(UUID tenant, UUID integration, long openErrors, long queuedRuns, long consecutiveFailures,
            Long freshnessSeconds) {
        Key key = key(tenant, integration);
        if (key == Key.OTHER) {
            return false;
        }
        Values values = gauges.computeIfAbsent(key, this::register);
        values.openErrors.set(openErrors);
        values.queuedRuns.set(queuedRuns);
        values.consecutiveFailures.set(consecutiveFailures);
        values.freshnessSeconds.set(freshnessSeconds == null ? -1 : freshnessSeconds);
        return true;
    }

    /** Ends a refresh: removes the gauges of integrations it did not see, and records how many were over the cap. */
    void refreshed(Set<Key> seen, long overTheCap) {
        for (Key key : Set.copyOf(gauges.keySet())) {
            if (!seen.contains(key)) {
                gauges.remove(key);
                for (String name : GAUGES) {
                    registry.find(name).tags(key.tags()).meters().forEach(registry::remove);
                }
            }
        }
        overCap.set(overTheCap);
    }

    static Key keyOf(UUID tenant, UUID integration) {
        return new Key(tenant.toString(), integration.toString());
    }

    private static final String[] GAUGES = {"tillbridge_integration_open_errors", "tillbridge_integration_queued_runs",
            "tillbridge_integration_consecutive_failures", "tillbridge_integration_freshness_seconds"};

    private Values register(Key key) {
        Values values = new Values();
        Tags tags = key.tags();
        Gauge.builder(GAUGES[0], values.openErrors, AtomicLong::get).description("Record errors open in the error inbox")
                .tags(tags).register(registry);
        Gauge.builder(GAUGES[1], values.queuedRuns, AtomicLong::get).description("Runs queued or running")
                .tags(tags).register(registry);
        Gauge.builder(GAUGES[2], values.consecutiveFailures, AtomicLong::get)
                .description("Failed runs since the last successful one").tags(tags).register(registry);
        Gauge.builder(GAUGES[3], values.freshnessSeconds, AtomicLong::get)
                .description("Age in seconds of the newest source record taken in; -1 when none").tags(tags)
                .register(registry);
        return values;
    }

    /** The key of an integration: its own while fewer than the cap are admitted, else {@link Key#OTHER}. */
    private Key key(UUID tenant, UUID integration) {
        Key key = keyOf(tenant, integration);
        if (admitted.contains(key)) {
            return key;
        }
        synchronized (admitted) {
            if (admitted.contains(key) || admitted.size() < maxIntegrations) {
                admitted.add(key);
                return key;
            }
        }
        return Key.OTHER;
    }
}
