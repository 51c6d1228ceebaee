package io.tillbridge.demo.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The one row of {@code demo_tenant}: which tenant the launcher made for the demo, and how far. */
@Singleton
public class DemoRows {

    /** The demo tenant as recorded. */
    public record DemoRow(TenantId tenant, UUID owner, UUID warehouseConnection, Instant completedAt) {
    }

    /** The row, locked for this transaction so that two processes starting at once seed once. */
    public Optional<DemoRow> lock(Connection c) throws SQLException {
        return Sql.first(c, "SELECT tenant_id, owner_id, warehouse_connection_id, completed_at FROM demo_tenant"
                + " FOR UPDATE", rs -> new DemoRow(new TenantId(Sql.uuid(rs, "tenant_id")), Sql.uuid(rs, "owner_id"),
                        Sql.uuid(rs, "warehouse_connection_id"), Sql.instant(rs, "completed_at")));
    }

    public void insert(Connection c, TenantId tenant, UUID owner) throws SQLException {
        Sql.update(c, "INSERT INTO demo_tenant (tenant_id, owner_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                tenant.value(), owner);
    }

    public void warehouse(Connection c, UUID connection) throws SQLException {
        Sql.update(c, "UPDATE demo_tenant SET warehouse_connection_id = ?", connection);
    }

    public void completed(Connection c, Instant at) throws SQLException {
        Sql.update(c, "UPDATE demo_tenant SET completed_at = ?", Sql.timestamp(at));
    }
}
