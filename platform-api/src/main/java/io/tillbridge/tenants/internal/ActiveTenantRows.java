package io.tillbridge.tenants.internal;

import io.tillbridge.platform.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** SQL of the active tenants, read without a tenant scope. */
public final class ActiveTenantRows {

    private ActiveTenantRows() {
    }

    /** Up to {@code limit} active tenants after {@code after} (null: from the first), by id. */
    public static List<UUID> page(Connection c, UUID after, int limit) throws SQLException {
        return Sql.list(c, "SELECT id FROM tenants WHERE status = 'active' AND id > coalesce(?::uuid,"
                + " '00000000-0000-0000-0000-000000000000') ORDER BY id LIMIT ?", rs -> Sql.uuid(rs, 1), after, limit);
    }
}
