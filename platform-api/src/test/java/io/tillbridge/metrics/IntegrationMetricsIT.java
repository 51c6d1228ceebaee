package io.tillbridge.metrics;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-integration metrics as Prometheus scrapes them, from seeded runs, errors and activity. */
@MicronautTest(transactional = false)
class IntegrationMetricsIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    @Inject
    IntegrationMetrics metrics;

    @Inject
    IntegrationGauges gauges;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.VIEWER);

    @Override
    protected Map<String, String> extraProperties() {
        // Every integration of the shared test database gets series of its own here; the cap has its own test.
        return Map.of("tillbridge.metrics.max-integrations", "1000000");
    }

    @Test
    void the_gauges_follow_the_integrations_errors_backlog_failures_and_freshness() throws Exception {
        UUID id = TestIntegrations.newIntegration(tenants.id());
        inTenant(tenants.id(), c -> {
            update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, started_at, finished_at)"
                    + " VALUES (?, ?, ?, 'manual', 'succeeded', now() - interval '3 hours', now() - interval '3 hours')",
                    tenants.id(), UUID.randomUUID(), id);
            for (int i = 2; i >= 1; i--) {
                update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, started_at, finished_at)"
                        + " VALUES (?, ?, ?, 'manual', 'failed', now() - ? * interval '1 hour', now() - ? * interval '1 hour')",
                        tenants.id(), UUID.randomUUID(), id, i, i);
            }
            update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status) VALUES (?, ?, ?, 'manual', 'queued')",
                    tenants.id(), UUID.randomUUID(), id);
            for (String key : List.of("order-1", "order-2")) {
                update(c, "INSERT INTO record_errors (tenant_id, id, integration_id, run_id, source_key, category, message,"
                        + " source_record) VALUES (?, ?, ?, ?, ?, 'value', 'bad', '{}')", tenants.id(), UUID.randomUUID(), id,
                        UUID.randomUUID(), key);
            }
            update(c, "INSERT INTO source_freshness (tenant_id, integration_id, location, newest_record_at, arrived_at)"
                    + " VALUES (?, ?, 'L1', now() - interval '300 seconds', now()), (?, ?, 'L2', now() - interval '2 days', now())",
                    tenants.id(), id, tenants.id(), id);
            return null;
        });

        assertThat(gauges.refresh()).isGreaterThanOrEqualTo(1);
        String labels = "{integration=\"" + id + "\",tenant=\"" + tenants.id() + "\"}";
        String scraped = scrape();
        assertThat(scraped).contains("tillbridge_integration_open_errors" + labels + " 2.0")
                .contains("tillbridge_integration_queued_runs" + labels + " 1.0")
                .contains("tillbridge_integration_consecutive_failures" + labels + " 2.0");
        double freshness = value(scraped, "tillbridge_integration_freshness_seconds" + labels);
        assertThat(freshness).as("the newest record over all locations").isBetween(300.0, 360.0);

        inTenant(tenants.id(), c -> update(c, "DELETE FROM integrations WHERE id = ?", id));
        gauges.refresh();
        assertThat(scrape()).as("a deleted integration's gauges are gone").doesNotContain(id.toString());
    }

    @Test
    void finished_runs_count_per_integration_and_status_with_their_records() throws Exception {
        UUID id = UUID.randomUUID();
        metrics.runFinished(new TenantId(tenants.id()), id, RunStatus.SUCCEEDED, new RunCounts(10, 7, 2, 1));
        metrics.runFinished(new TenantId(tenants.id()), id, RunStatus.FAILED, new RunCounts(3, 0, 0, 3));
        metrics.runFinished(new TenantId(tenants.id()), id, RunStatus.SUCCEEDED, new RunCounts(5, 5, 0, 0));

        String scraped = scrape();
        String labels = "integration=\"" + id + "\",";
        assertThat(value(scraped, "tillbridge_integration_runs_total{" + labels + "status=\"succeeded\",tenant=\""
                + tenants.id() + "\"}")).isEqualTo(2.0);
        assertThat(value(scraped, "tillbridge_integration_runs_total{" + labels + "status=\"failed\",tenant=\""
                + tenants.id() + "\"}")).isEqualTo(1.0);
        assertThat(value(scraped, "tillbridge_integration_records_total{" + labels + "kind=\"written\",tenant=\""
                + tenants.id() + "\"}")).isEqualTo(12.0);
        assertThat(value(scraped, "tillbridge_integration_records_total{" + labels + "kind=\"failed\",tenant=\""
                + tenants.id() + "\"}")).isEqualTo(4.0);
    }

    @Test
    void past_the_cap_runs_count_under_other_and_gauges_are_left_out() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        IntegrationMetrics capped = new IntegrationMetrics(registry, 2);
        UUID tenant = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        for (UUID id : List.of(a, b, c)) {
            capped.runFinished(new TenantId(tenant), id, RunStatus.SUCCEEDED, new RunCounts(1, 1, 0, 0));
        }
        assertThat(registry.find("tillbridge_integration_runs_total").counters()).hasSize(3);
        assertThat(registry.find("tillbridge_integration_runs_total").tag("integration", "other").counter().count())
                .isEqualTo(1.0);
        assertThat(capped.gauges(tenant, a, 1, 0, 0, null)).isTrue();
        assertThat(capped.gauges(tenant, c, 1, 0, 0, null)).isFalse();
        capped.refreshed(java.util.Set.of(IntegrationMetrics.keyOf(tenant, a)), 1);
        assertThat(registry.find("tillbridge_metrics_integrations_over_cap").gauge().value()).isEqualTo(1.0);
        assertThat(registry.find("tillbridge_integration_open_errors").gauges()).hasSize(1);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double value(String scraped, String series) {
        return scraped.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + series + " in the scrape"));
    }
}
