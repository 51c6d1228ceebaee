package io.tillbridge.health;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Integration health through the API, computed from runs and record errors written with known times. */
@MicronautTest(transactional = false)
class HealthIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Health Bakery", TenantRole.OWNER, TenantRole.VIEWER);

    private final Instant now = Instant.now();

    @Test
    void each_status_follows_from_the_runs_with_the_figures_computed_from_them() {
        UUID degraded = TestIntegrations.newIntegration(tenants.id());
        run(degraded, "succeeded", ago(Duration.ofHours(2).plusMinutes(10)), ago(Duration.ofHours(2)), 100, 98, 2);
        run(degraded, "failed", ago(Duration.ofMinutes(61)), ago(Duration.ofHours(1)), 50, 0, 50);
        run(degraded, "failed", ago(Duration.ofMinutes(31)), ago(Duration.ofMinutes(30)), 0, 0, 0);
        // Older than 7 days: in no rate and no percentile.
        run(degraded, "succeeded", ago(Duration.ofDays(10).plusHours(1)), ago(Duration.ofDays(10)), 1000, 1000, 0);
        error(degraded);

        UUID failing = TestIntegrations.newIntegration(tenants.id());
        run(failing, "succeeded", ago(Duration.ofHours(5).plusSeconds(30)), ago(Duration.ofHours(5)), 10, 10, 0);
        for (int i = 3; i >= 1; i--) {
            run(failing, "failed", ago(Duration.ofHours(i).plusSeconds(10)), ago(Duration.ofHours(i)), 0, 0, 0);
        }

        UUID paused = TestIntegrations.newIntegration(tenants.id());
        inTenant(tenants.id(), c -> update(c, "UPDATE integrations SET status = 'paused' WHERE id = ?", paused));
        run(paused, "failed", ago(Duration.ofHours(3)), ago(Duration.ofHours(2)), 0, 0, 0);

        UUID neverRun = TestIntegrations.newIntegration(tenants.id());
        run(neverRun, "queued", null, null, 0, 0, 0);

        UUID healthy = TestIntegrations.newIntegration(tenants.id());
        run(healthy, "succeeded", ago(Duration.ofMinutes(20)), ago(Duration.ofMinutes(19)), 200, 0, 0);
        run(healthy, "succeeded", ago(Duration.ofMinutes(12)), ago(Duration.ofMinutes(10)), 300, 299, 1);
        run(healthy, "cancelled", ago(Duration.ofMinutes(5)), ago(Duration.ofMinutes(4)), 0, 0, 0);

        Map<String, Object> overview = api.get(tenants.viewer(), base() + "/health").json();

        assertThat(overview.get("counts")).isEqualTo(Map.of("failing", 1, "degraded", 1, "never_run", 1, "paused", 1,
                "healthy", 1));
        List<Map<String, Object>> all = list(overview.get("integrations"));
        assertThat(all).extracting(h -> h.get("status"))
                .containsExactly("failing", "degraded", "never_run", "paused", "healthy");

        Map<String, Object> d = all.get(1);
        assertThat(d.get("integrationId")).isEqualTo(degraded.toString());
        assertThat(d.get("consecutiveFailures")).isEqualTo(2);
        assertThat(strings(d.get("reasons"))).containsExactly("The last 2 runs failed.");
        // 52 of 150 records in 24 hours; the same in 7 days (the run of 10 days ago is out).
        assertThat(((Number) d.get("errorRate24h")).doubleValue()).isCloseTo(52.0 / 150, within(1e-9));
        assertThat(((Number) d.get("errorRate7d")).doubleValue()).isCloseTo(52.0 / 150, within(1e-9));
        assertThat(((Number) d.get("completionP50Seconds")).doubleValue()).isCloseTo(600, within(0.01));
        assertThat(((Number) d.get("completionP95Seconds")).doubleValue()).isCloseTo(600, within(0.01));
        assertThat(Instant.parse((String) d.get("lastSuccessAt"))).isCloseTo(ago(Duration.ofHours(2)), within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(Instant.parse((String) d.get("lastRunAt"))).isCloseTo(ago(Duration.ofMinutes(30)), within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(d.get("openErrors")).isEqualTo(1);

        Map<String, Object> f = all.get(0);
        assertThat(f.get("consecutiveFailures")).isEqualTo(3);
        assertThat(strings(f.get("reasons"))).containsExactly("The last 3 runs failed.");

        Map<String, Object> n = all.get(2);
        assertThat(n.get("queuedRuns")).isEqualTo(1);
        assertThat(n.get("lastRunAt")).isNull();

        Map<String, Object> h = all.get(4);
        assertThat(strings(h.get("reasons"))).isEmpty();
        assertThat(((Number) h.get("errorRate24h")).doubleValue()).isCloseTo(1.0 / 500, within(1e-9));
        // Two successful runs of 60 s and 120 s: PostgreSQL's continuous percentiles.
        assertThat(((Number) h.get("completionP50Seconds")).doubleValue()).isCloseTo(90, within(0.01));
        assertThat(((Number) h.get("completionP95Seconds")).doubleValue()).isCloseTo(117, within(0.01));
        assertThat(Instant.parse((String) h.get("lastWrittenAt"))).isCloseTo(ago(Duration.ofMinutes(10)), within(1, java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void the_tenants_targets_make_a_high_error_rate_or_slow_runs_degraded() {
        UUID slow = TestIntegrations.newIntegration(tenants.id());
        run(slow, "succeeded", ago(Duration.ofMinutes(50)), ago(Duration.ofMinutes(20)), 100, 97, 3);
        Map<String, Object> before = api.get(tenants.viewer(), base() + "/integrations/" + slow + "/health").json();
        assertThat(before.get("status")).isEqualTo("healthy");

        var saved = api.put(tenants.owner(), base() + "/settings", Map.of("businessName", "Health Bakery",
                "currency", "USD", "kpiTargets", Map.of("targetErrorRate", 0.01, "targetCompletionMinutes", 15)),
                "If-Match", "\"1\"");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);

        Map<String, Object> after = api.get(tenants.viewer(), base() + "/integrations/" + slow + "/health").json();
        assertThat(after.get("status")).isEqualTo("degraded");
        assertThat(strings(after.get("reasons"))).containsExactly(
                "3.00% of the records of the last 24 hours failed, above the target of 1.00%.",
                "Runs took 1800 s at the 95th percentile over 7 days, above the target of 15 min.");
    }

    @Test
    void uptime_is_the_share_of_scheduled_intervals_with_a_successful_run_and_freshness_is_per_location() {
        UUID hourly = TestIntegrations.newIntegration(tenants.id());
        // Fires at since + k hours; the fire at since + 10 h was a minute ago, so intervals 0 to 9 have ended.
        Instant since = ago(Duration.ofHours(10).plusMinutes(1));
        inTenant(tenants.id(), c -> update(c, "INSERT INTO integration_schedules (tenant_id, integration_id,"
                + " interval_seconds, updated_at) VALUES (?, ?, 3600, ?)", tenants.id(), hourly, ts(since)));
        for (int k : new int[] {0, 1, 2, 4, 5, 6}) {
            queued(hourly, "succeeded", since.plus(Duration.ofHours(k)).plus(Duration.ofMinutes(5)));
        }
        queued(hourly, "succeeded", since.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(40)));
        queued(hourly, "failed", since.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(5)));
        queued(hourly, "succeeded", since.minus(Duration.ofMinutes(30)));
        queued(hourly, "succeeded", now.minus(Duration.ofSeconds(20)));
        inTenant(tenants.id(), c -> update(c, "INSERT INTO source_freshness (tenant_id, integration_id, location,"
                + " newest_record_at, arrived_at) VALUES (?, ?, 'L1', ?, ?), (?, ?, 'L2', ?, ?)",
                tenants.id(), hourly, ts(ago(Duration.ofMinutes(9))), ts(ago(Duration.ofMinutes(8))),
                tenants.id(), hourly, ts(ago(Duration.ofHours(2))), ts(ago(Duration.ofMinutes(100)))));
        UUID unscheduled = TestIntegrations.newIntegration(tenants.id());

        Map<String, Object> h = api.get(tenants.viewer(), base() + "/integrations/" + hourly + "/health").json();
        // Intervals 0, 1, 2, 4, 5 and 6 of the ten hold a successful run (two in 5 count once); 3 only a failed one.
        assertThat(((Number) h.get("uptime7d")).doubleValue()).isCloseTo(0.6, within(1e-9));
        assertThat(((Number) h.get("uptime30d")).doubleValue()).isCloseTo(0.6, within(1e-9));
        List<Map<String, Object>> locations = list(h.get("locations"));
        assertThat(locations).extracting(l -> l.get("location")).containsExactly("L2", "L1");
        assertThat(((Number) locations.get(0).get("ageSeconds")).longValue()).isBetween(7200L, 7260L);
        assertThat(((Number) locations.get(1).get("ageSeconds")).longValue()).isBetween(540L, 600L);

        Map<String, Object> none = api.get(tenants.viewer(), base() + "/integrations/" + unscheduled + "/health").json();
        assertThat(none.get("uptime7d")).isNull();
        assertThat(list(none.get("locations"))).isEmpty();
    }

    @Test
    void a_connection_failing_its_check_or_losing_its_access_soon_degrades_the_integrations_using_it() {
        UUID source = UUID.randomUUID();
        UUID target = UUID.randomUUID();
        inTenant(tenants.id(), c -> update(c, "INSERT INTO connections (tenant_id, id, connector_id, name) VALUES"
                + " (?, ?, 'http-json', 'Till API'), (?, ?, 'postgres-warehouse', 'Warehouse')",
                tenants.id(), source, tenants.id(), target));
        UUID integration = UUID.randomUUID();
        inTenant(tenants.id(), c -> update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id,"
                + " source_stream, target_connection_id, target_object) VALUES (?, ?, 'Orders', ?, 'orders', ?, 'orders')",
                tenants.id(), integration, source, target));
        run(integration, "succeeded", ago(Duration.ofMinutes(3)), ago(Duration.ofMinutes(2)), 5, 5, 0);
        assertThat(api.get(tenants.viewer(), base() + "/integrations/" + integration + "/health").json())
                .containsEntry("status", "healthy");

        inTenant(tenants.id(), c -> update(c, "INSERT INTO connection_checks (tenant_id, connection_id, checked_at, ok,"
                + " category, message, failing_since) VALUES (?, ?, ?, false, 'AUTH', 'the token was refused (401)', ?),"
                + " (?, ?, ?, true, NULL, NULL, NULL)", tenants.id(), source, ts(ago(Duration.ofMinutes(1))),
                ts(ago(Duration.ofHours(1))), tenants.id(), target, ts(ago(Duration.ofMinutes(1)))));
        inTenant(tenants.id(), c -> update(c, "UPDATE connection_checks SET access_expires_at = ? WHERE connection_id = ?",
                ts(now.plus(Duration.ofDays(2))), target));

        Map<String, Object> h = api.get(tenants.viewer(), base() + "/integrations/" + integration + "/health").json();
        assertThat(h.get("status")).isEqualTo("degraded");
        assertThat(strings(h.get("reasons"))).hasSize(2);
        assertThat(strings(h.get("reasons")).get(0)).isEqualTo(
                "The connection Till API fails its check (AUTH): the token was refused (401)");
        assertThat(strings(h.get("reasons")).get(1)).startsWith("The connection Warehouse loses its access at ");
        List<Map<String, Object>> connections = list(api.get(tenants.viewer(), base() + "/health").json().get("connections"));
        assertThat(connections).extracting(x -> x.get("name"), x -> x.get("status"), x -> x.get("accessExpiresSoon"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Till API", "failing", false),
                        org.assertj.core.groups.Tuple.tuple("Warehouse", "ok", true));
    }

    @Test
    void another_tenants_integration_answers_404_and_its_runs_show_in_no_other_overview() {
        UUID theirs = TestIntegrations.newIntegration(tenants.otherId());
        run(tenants.otherId(), theirs, "failed", ago(Duration.ofMinutes(2)), ago(Duration.ofMinutes(1)), 0, 0, 0);

        var response = api.get(tenants.viewer(), base() + "/integrations/" + theirs + "/health");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(list(api.get(tenants.viewer(), base() + "/health").json().get("integrations"))).isEmpty();
        assertThat(api.get(tenants.viewer(), "/api/v1/tenants/" + tenants.otherId() + "/health").status()).isIn(403, 404);
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }

    private Instant ago(Duration d) {
        return now.minus(d);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private void run(UUID integration, String status, Instant started, Instant finished, long read, long written,
            long failed) {
        run(tenants.id(), integration, status, started, finished, read, written, failed);
    }

    private static void run(UUID tenant, UUID integration, String status, Instant started, Instant finished, long read,
            long written, long failed) {
        inTenant(tenant, c -> update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, started_at,"
                + " finished_at, records_read, records_written, records_failed) VALUES (?, ?, ?, 'manual', ?, ?, ?, ?, ?, ?)",
                tenant, UUID.randomUUID(), integration, status, ts(started), ts(finished), read, written, failed));
    }

    private void queued(UUID integration, String status, Instant queuedAt) {
        inTenant(tenants.id(), c -> update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, queued_at,"
                + " started_at, finished_at) VALUES (?, ?, ?, 'schedule', ?, ?, ?, ?)", tenants.id(), UUID.randomUUID(),
                integration, status, ts(queuedAt), ts(queuedAt), ts(queuedAt.plusSeconds(10))));
    }

    private void error(UUID integration) {
        inTenant(tenants.id(), c -> update(c, "INSERT INTO record_errors (tenant_id, id, integration_id, run_id,"
                + " source_key, category, message, source_record) VALUES (?, ?, ?, ?, 'order-1', 'value', 'bad', '{}')",
                tenants.id(), UUID.randomUUID(), integration, UUID.randomUUID()));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
