package io.tillbridge.alerts;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs, errors, checks, locations and source activity straight in the database, with known times. */
final class AlertSeeds {

    private AlertSeeds() {
    }

    /** An integration with real connection rows (no config that works), so that checks can refer to them. */
    static UUID integration(UUID tenant, String name) {
        UUID id = UUID.randomUUID();
        UUID source = connection(tenant);
        UUID target = connection(tenant);
        inTenant(tenant, c -> update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id,"
                + " source_stream, target_connection_id, target_object) VALUES (?, ?, ?, ?, 'records', ?, 'orders')",
                tenant, id, name, source, target));
        return id;
    }

    static UUID connection(UUID tenant) {
        UUID id = UUID.randomUUID();
        inTenant(tenant, c -> update(c, "INSERT INTO connections (tenant_id, id, connector_id, name, config) VALUES"
                + " (?, ?, 'http-json', 'Till API', '{\"url\":\"http://127.0.0.1:9/orders\"}'::jsonb)", tenant, id));
        return id;
    }

    static UUID sourceConnection(UUID tenant, UUID integration) {
        return inTenant(tenant, c -> (UUID) rows(c, "SELECT source_connection_id FROM integrations WHERE id = ?",
                integration).get(0).get("source_connection_id"));
    }

    static UUID run(UUID tenant, UUID integration, String status, Instant started, Instant finished, long read,
            long failed) {
        UUID id = UUID.randomUUID();
        inTenant(tenant, c -> update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, started_at,"
                + " finished_at, records_read, records_written, records_failed) VALUES (?, ?, ?, 'manual', ?, ?, ?, ?, ?, ?)",
                tenant, id, integration, status, ts(started), ts(finished), read, read - failed, failed));
        return id;
    }

    static void errors(UUID tenant, UUID integration, int count, Instant firstSeen) {
        UUID run = run(tenant, integration, "succeeded", firstSeen.minusSeconds(60), firstSeen, count, 0);
        inTenant(tenant, c -> update(c, "INSERT INTO record_errors (tenant_id, id, integration_id, run_id, source_key,"
                + " category, message, source_record, first_seen_at) SELECT ?, gen_random_uuid(), ?, ?, 'order-' || gen_random_uuid(),"
                + " 'value', 'bad', '{}', ? FROM generate_series(1, ?) g", tenant, integration, run, ts(firstSeen), count));
    }

    static void check(UUID tenant, UUID connection, boolean ok, Instant at) {
        inTenant(tenant, c -> update(c, "INSERT INTO connection_checks (tenant_id, connection_id, checked_at, ok, category,"
                + " message, failing_since) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, connection_id) DO UPDATE"
                + " SET checked_at = excluded.checked_at, ok = excluded.ok, category = excluded.category,"
                + " message = excluded.message, failing_since = excluded.failing_since", tenant, connection, ts(at), ok,
                ok ? null : "auth", ok ? null : "The vendor refused the token (401).", ok ? null : ts(at)));
    }

    static void targets(UUID tenant, Double errorRate, Integer completionMinutes) {
        inTenant(tenant, c -> update(c, "INSERT INTO tenant_settings (tenant_id, business_name, target_error_rate,"
                + " target_completion_minutes) VALUES (?, 'Alert Bakery', ?, ?) ON CONFLICT (tenant_id) DO UPDATE"
                + " SET target_error_rate = excluded.target_error_rate,"
                + " target_completion_minutes = excluded.target_completion_minutes",
                tenant, errorRate == null ? null : java.math.BigDecimal.valueOf(errorRate), completionMinutes));
    }

    static void location(UUID tenant, String name, String zone, String vendorLocationId) {
        inTenant(tenant, c -> update(c, "INSERT INTO locations (tenant_id, id, name, time_zone, vendor_location_id)"
                + " VALUES (?, ?, ?, ?, ?)", tenant, UUID.randomUUID(), name, zone, vendorLocationId));
    }

    static void activity(UUID tenant, UUID integration, String location, Map<Instant, Long> hours) {
        inTenant(tenant, c -> {
            for (Map.Entry<Instant, Long> e : hours.entrySet()) {
                update(c, "INSERT INTO source_activity (tenant_id, integration_id, location, hour, records)"
                        + " VALUES (?, ?, ?, ?, ?)", tenant, integration, location, ts(e.getKey()), e.getValue());
            }
            return null;
        });
    }

    static void freshness(UUID tenant, UUID integration, String location, Instant newest) {
        inTenant(tenant, c -> update(c, "INSERT INTO source_freshness (tenant_id, integration_id, location,"
                + " newest_record_at, arrived_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, integration_id, location)"
                + " DO UPDATE SET newest_record_at = excluded.newest_record_at, arrived_at = excluded.arrived_at",
                tenant, integration, location, ts(newest), ts(newest)));
    }

    static List<Map<String, Object>> events(UUID tenant, String type) {
        return inTenant(tenant, c -> rows(c, "SELECT data::text AS data FROM platform_events WHERE type = ? ORDER BY seq",
                type));
    }

    static void sql(UUID tenant, String sql, Object... parameters) {
        inTenant(tenant, c -> update(c, sql, parameters));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
