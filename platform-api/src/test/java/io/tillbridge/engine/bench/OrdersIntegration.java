package io.tillbridge.engine.bench;

import io.tillbridge.access.TenantScope;
import io.tillbridge.bench.BenchPlatform;
import io.tillbridge.bench.SandboxFarm;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.InvalidMappingException;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.testing.WarehouseSandbox;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant of a load benchmark: its Square connection (to a sandbox of the farm), its warehouse
 * schema, and a live integration of {@code pos.orders} into the warehouse table {@code orders}
 * through the {@link CanonicalOrderMapping}, pinned. No schedule: runs start when asked.
 */
record OrdersIntegration(TenantScope scope, UUID id, WarehouseSandbox warehouse) {

    static OrdersIntegration create(BenchPlatform platform, int index, SandboxFarm.Sandbox square, int pageSize)
            throws SQLException {
        TenantScope scope = platform.tenant(index);
        WarehouseSandbox warehouse = platform.warehouse();
        UUID source = platform.connection(scope, "square", "Square", Map.of("baseUrl", square.baseUri().toString(),
                "accessToken", square.accessToken(), "pageSize", pageSize));
        UUID target = platform.connection(scope, "postgres-warehouse", "Warehouse", warehouse.targetConfig(60));
        UUID id = platform.bean(IntegrationService.class).create(scope, new IntegrationDraft("Orders to warehouse",
                source, PosStreams.ORDERS, target, "orders", "live", null)).id();
        MappingVersions mappings = platform.bean(MappingVersions.class);
        try {
            mappings.pin(scope, id, mappings.create(scope, id, CanonicalOrderMapping.spec()).version());
        } catch (InvalidMappingException e) {
            throw new IllegalStateException(e.getMessage() + " " + e.fieldErrors(), e);
        }
        return new OrdersIntegration(scope, id, warehouse);
    }

    /** Queues a manual run; answers its id. */
    UUID runNow(BenchPlatform platform) {
        return platform.bean(IntegrationService.class).runNow(scope, id);
    }
}
