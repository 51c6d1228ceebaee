package io.tillbridge.scheduling;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Integrations and their runs straight in the database, for tests of what starts runs. */
public final class TestIntegrations {

    private TestIntegrations() {
    }

    /** An active integration of {@code tenant}; its connections are not needed to queue runs. */
    public static UUID newIntegration(UUID tenant) {
        UUID id = UUID.randomUUID();
        inTenant(tenant, c -> update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id,"
                + " source_stream, target_connection_id, target_object) VALUES (?, ?, 'Scheduled', ?, 'records', ?, 'orders')",
                tenant, id, UUID.randomUUID(), UUID.randomUUID()));
        return id;
    }

    /** The integration's runs, oldest first: id, trigger, status (from the queue). */
    public static List<Map<String, Object>> runs(UUID tenant, UUID integration) {
        return inTenant(tenant, c -> rows(c, "SELECT r.id, r.trigger, q.status FROM runs r JOIN run_queue q"
                + " ON q.run_id = r.id WHERE r.integration_id = ? ORDER BY r.queued_at", integration));
    }

    /** Marks a run as claimed by a worker, so that it no longer coalesces new triggers. */
    public static void claim(UUID run) {
        platform(c -> update(c, "UPDATE run_queue SET status = 'running', attempt = 1, lease_owner = 'test',"
                + " lease_expires_at = now() + interval '1 minute' WHERE run_id = ?", run));
    }
}
