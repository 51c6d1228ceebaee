package io.tillbridge.settings;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.settings.internal.TenantSettingsRepository;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;

/**
 * Reads and changes a tenant's business settings and KPI targets. A change is written with the
 * version it was based on, keeps the tenant's name equal to the business name, and is audited
 * with the settings before and after, all in one transaction.
 */
@Singleton
public class TenantSettingsService {

    private final TenantTransactions transactions;
    private final TenantSettingsRepository repository;
    private final AuditLog audit;

    public TenantSettingsService(TenantTransactions transactions, TenantSettingsRepository repository, AuditLog audit) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
    }

    /** The tenant's settings. */
    public TenantSettings get(TenantScope scope) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> repository.find(scope.tenant(), c))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such tenant."));
    }

    /**
     * Replaces the tenant's settings with {@code change}. A change that changes nothing writes
     * nothing, keeps the version and leaves no audit entry.
     *
     * @param expectedVersion the version the caller read (If-Match); 412 when it is stale
     */
    public TenantSettings update(TenantScope scope, int expectedVersion, SettingsChange change) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            TenantSettings before = repository.findForUpdate(scope.tenant(), c)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such tenant."));
            Versions.requireCurrent(expectedVersion, before.version());
            if (before.unchangedBy(change)) {
                return before;
            }
            if (!repository.update(scope.tenant(), c, before.version(), change)) {
                throw new IllegalStateException("tenant settings changed under the tenant row lock");
            }
            TenantSettings after = repository.find(scope.tenant(), c).orElseThrow();
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("tenant.settings-changed", "tenant",
                    scope.tenant()).before(before.auditState()).after(after.auditState()));
            return after;
        });
    }
}
