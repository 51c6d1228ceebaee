package io.tillbridge.storage;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.storage.internal.StorageRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Per-tenant caps on stored bytes (run records, shadow changes, generic and vendor webhook events,
 * uploaded files and output rows; counted by triggers in {@code tenant_storage}). A tenant's cap is its own ({@code tenant_storage.max_bytes}),
 * else its plan's ({@code tillbridge.storage.plans.<plan>.max-bytes-per-tenant}), else
 * {@code tillbridge.storage.max-bytes-per-tenant} (1 GiB). A tenant at or over its cap gets no new
 * storage: the check comes before the write, so one page or event may go past the cap, never more.
 */
@Singleton
public class StorageQuota {

    private final TenantTransactions transactions;
    private final Environment environment;
    private final long defaultMaxBytes;

    public StorageQuota(TenantTransactions transactions, Environment environment,
            @Value("${tillbridge.storage.max-bytes-per-tenant:1073741824}") long defaultMaxBytes) {
        if (defaultMaxBytes < 0) {
            throw new IllegalArgumentException("tillbridge.storage.max-bytes-per-tenant must not be negative");
        }
        this.transactions = transactions;
        this.environment = environment;
        this.defaultMaxBytes = defaultMaxBytes;
    }

    /** The tenant's usage, for its members. */
    public StorageUsage usage(TenantScope scope) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> usage(c, scope.tenant()));
    }

    /** The tenant's usage, in the caller's transaction of that tenant. */
    public StorageUsage usage(Connection c, TenantId tenant) throws SQLException {
        return StorageRows.find(c, tenant.value())
                .map(row -> StorageUsage.of(row.bytes(), row.maxBytes() != null ? row.maxBytes() : planCap(row.plan())))
                .orElseGet(() -> StorageUsage.of(0, defaultMaxBytes));
    }

    /** Refuses new storage of a tenant at or over its cap, in the caller's transaction of that tenant. */
    public void require(Connection c, TenantId tenant) throws SQLException {
        StorageUsage usage = usage(c, tenant);
        if (usage.exceeded()) {
            throw new StorageQuotaExceededException(usage);
        }
    }

    /**
     * Refuses {@code bytes} more (an uploaded file) when they would take the tenant past its cap, in
     * the caller's transaction of that tenant. With {@code counted}, the transaction has already
     * added them to the tenant's usage (checking after the insert that counts them makes concurrent
     * uploads wait for each other's count, so that together they cannot pass the cap).
     */
    public void requireRoom(Connection c, TenantId tenant, long bytes, boolean counted) throws SQLException {
        StorageUsage usage = usage(c, tenant);
        StorageUsage before = counted ? StorageUsage.of(usage.usedBytes() - bytes, usage.maxBytes()) : usage;
        if (before.usedBytes() + bytes > before.maxBytes()) {
            throw new StorageQuotaExceededException(before, bytes);
        }
    }

    /** Refuses new storage of a tenant at or over its cap, in a transaction of its own. */
    public void require(TenantId tenant) {
        transactions.read(tenant, c -> {
            require(c, tenant);
            return null;
        });
    }

    private long planCap(String plan) {
        return plan == null ? defaultMaxBytes : environment.getProperty("tillbridge.storage.plans." + plan
                + ".max-bytes-per-tenant", Long.class).orElse(defaultMaxBytes);
    }
}
