package io.tillbridge.storage;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.engine.ScriptedSource;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant storage caps through the API, the run worker and the webhook route, on the real
 * database: a tenant given a tiny cap gets the quota error, another tenant goes on unaffected.
 */
@MicronautTest(transactional = false)
class StorageQuotaIT extends TestDatabaseProperties {

    private static final long DEFAULT_CAP = 1L << 30;

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    @Test
    void usage_grows_with_stored_records_and_shrinks_when_they_are_deleted() {
        Tenant t = tenant("Usage Deli");
        assertThat(usage(t)).containsEntry("usedBytes", 0).containsEntry("exceeded", false);
        assertThat(((Number) usage(t).get("maxBytes")).longValue()).isEqualTo(DEFAULT_CAP);
        UUID run = storedRun(t, 20);
        long used = ((Number) usage(t).get("usedBytes")).longValue();
        assertThat(used).isGreaterThan(20 * 100);
        inTenant(t.id, c -> update(c, "DELETE FROM run_records WHERE run_id = ? AND source_key < 'k10'", run));
        long after = ((Number) usage(t).get("usedBytes")).longValue();
        assertThat(after).isPositive().isLessThan(used);
        inTenant(t.id, c -> update(c, "DELETE FROM run_records WHERE run_id = ?", run));
        assertThat(usage(t)).containsEntry("usedBytes", 0);
    }

    @Test
    void another_tenants_usage_answers_404() {
        Tenant mine = tenant("Mine");
        Tenant theirs = tenant("Theirs");
        Response response = api.get(theirs.viewer, "/api/v1/tenants/" + mine.id + "/storage");
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void a_run_of_a_tenant_over_its_cap_fails_with_storage_quota_and_stores_nothing_while_another_tenant_runs() {
        Tenant capped = tenant("Capped Cafe");
        Tenant other = tenant("Roomy Roastery");
        String cappedIntegration = integration(capped);
        String otherIntegration = integration(other);
        storedRun(capped, 1);
        capAt(capped, 1);
        assertThat(usage(capped)).containsEntry("exceeded", true);

        Map<String, Object> refused = runToTheEnd(capped, start(capped, cappedIntegration));
        Map<String, Object> fine = runToTheEnd(other, start(other, otherIntegration));

        assertThat(refused).containsEntry("status", "failed");
        assertThat((String) refused.get("error")).startsWith("STORAGE_QUOTA: storage quota exceeded");
        assertThat(refused.get("counts")).isEqualTo(Map.of("read", 0, "written", 0, "unchanged", 0, "failed", 0));
        assertThat(count(capped, "SELECT count(*) AS n FROM run_records WHERE run_id = ?",
                UUID.fromString((String) refused.get("id")))).isZero();
        assertThat(count(capped, "SELECT count(*) AS n FROM ledger")).isZero();
        assertThat(fine).containsEntry("status", "succeeded");
        assertThat(count(other, "SELECT count(*) AS n FROM run_records WHERE run_id = ?",
                UUID.fromString((String) fine.get("id")))).isEqualTo(3);
    }

    @Test
    void a_webhook_delivery_to_a_tenant_over_its_cap_answers_507_and_stores_nothing() throws Exception {
        Tenant capped = tenant("Hooked Bistro");
        Tenant other = tenant("Open Bistro");
        String[] cappedHook = webhook(capped);
        String[] otherHook = webhook(other);
        assertThat(deliver(cappedHook, "evt-before").status()).isEqualTo(202);
        capAt(capped, 1);

        Response refused = deliver(cappedHook, "evt-after");
        assertThat(refused.status()).as(refused.body()).isEqualTo(507);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("/problems/storage-quota-exceeded", "storage quota exceeded");
        assertThat(count(capped, "SELECT count(*) AS n FROM webhook_events WHERE event_id = 'evt-after'")).isZero();
        assertThat(deliver(cappedHook, "evt-before").status()).as("a redelivery is still recognised")
                .isEqualTo(202);
        assertThat(deliver(otherHook, "evt-after").status()).isEqualTo(202);
    }

    // --- helpers ---------------------------------------------------------------------------

    private record Tenant(UUID id, User owner, User viewer) {
    }

    private Tenant tenant(String name) {
        UUID id = newTenant(name);
        return new Tenant(id, newMember(id, TenantRole.OWNER), newMember(id, TenantRole.VIEWER));
    }

    private Map<String, Object> usage(Tenant t) {
        Response response = api.get(t.viewer, "/api/v1/tenants/" + t.id + "/storage");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void capAt(Tenant t, long bytes) {
        inTenant(t.id, c -> update(c, "INSERT INTO tenant_storage (tenant_id, max_bytes) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET max_bytes = EXCLUDED.max_bytes", t.id, bytes));
    }

    /** A finished run with {@code records} stored records of about 100 bytes each. */
    private static UUID storedRun(Tenant t, int records) {
        UUID integration = TestIntegrations.newIntegration(t.id);
        UUID run = UUID.randomUUID();
        inTenant(t.id, c -> update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, finished_at)"
                + " VALUES (?, ?, ?, 'manual', 'succeeded', now())", t.id, run, integration));
        for (int i = 0; i < records; i++) {
            String key = "k" + (i < 10 ? "0" : "") + i;
            inTenant(t.id, c -> update(c, "INSERT INTO run_records (tenant_id, run_id, source_key, record)"
                    + " VALUES (?, ?, ?, ?::jsonb)", t.id, run, key, "{\"data\":\"" + "x".repeat(100) + "\"}"));
        }
        return run;
    }

    private String integration(Tenant t) {
        String script = "quota-" + UUID.randomUUID();
        ScriptedSource.script(script, List.of(List.of(order(1), order(2)), List.of(order(3))));
        String source = created(api.post(t.owner, "/api/v1/tenants/" + t.id + "/connections", Map.of(
                "connectorId", "test-scripted-source", "name", "Scripted", "config", Map.of("script", script))));
        String target = created(api.post(t.owner, "/api/v1/tenants/" + t.id + "/connections", Map.of(
                "connectorId", "test-recording-target", "name", "Recording",
                "config", Map.of("name", "quota-target-" + UUID.randomUUID()))));
        return created(api.post(t.owner, "/api/v1/tenants/" + t.id + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "orders", "targetConnectionId", target,
                "targetObject", "orders", "mode", "live")));
    }

    private String start(Tenant t, String integration) {
        return new RunDriver(api, worker).start(t.owner, "/api/v1/tenants/" + t.id, integration);
    }

    private Map<String, Object> runToTheEnd(Tenant t, String runId) {
        return new RunDriver(api, worker).toTheEnd(t.viewer, "/api/v1/tenants/" + t.id, runId);
    }

    private String[] webhook(Tenant t) {
        UUID integration = TestIntegrations.newIntegration(t.id);
        Response created = api.post(t.owner, "/api/v1/tenants/" + t.id + "/integrations/" + integration + "/webhook", null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new String[] {(String) created.json().get("id"), (String) created.json().get("secret")};
    }

    private Response deliver(String[] endpoint, String eventId) {
        String body = "{\"type\":\"order.created\",\"padding\":\"" + "y".repeat(200) + "\"}";
        return api.deliver(endpoint[0], endpoint[1], eventId, System.currentTimeMillis() / 1000, body);
    }

    private static Map<String, Object> order(int id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", new BigDecimal(id));
        data.put("total", id + ".50");
        return data;
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private static long count(Tenant t, String sql, Object... parameters) {
        return inTenant(t.id, c -> (Long) rows(c, sql, parameters).get(0).get("n"));
    }
}
