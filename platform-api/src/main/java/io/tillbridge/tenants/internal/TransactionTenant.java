package io.tillbridge.tenants.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code app.tenant_id} setting that row-level security reads. It is set with
 * {@code set_config(..., true)}, which lasts only until the transaction ends.
 */
public final class TransactionTenant {

    private TransactionTenant() {
    }

    /** Sets the transaction's tenant and answers the tenant it was set to before, if any. */
    public static Optional<String> set(Connection c, TenantId tenant) throws SQLException {
        return Sql.first(c, "SELECT nullif(current_setting('app.tenant_id', true), ''), set_config('app.tenant_id', ?, true)",
                rs -> rs.getString(1), tenant.toString());
    }
}
