package io.tillbridge.tenants;

import io.tillbridge.tenants.internal.ActiveTenantRows;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Walks the active tenants in pages, for platform work done tenant by tenant under row-level
 * security (periodic checks, gauges). Suspended tenants are left out.
 */
@Singleton
public class ActiveTenants {

    private static final int PAGE = 500;

    private final TenantTransactions transactions;

    public ActiveTenants(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    /** Hands each active tenant to {@code visit}, by id, until it answers false. */
    public void forEach(Predicate<TenantId> visit) {
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> page = transactions.withoutTenant(c -> ActiveTenantRows.page(c, from, PAGE));
            for (UUID id : page) {
                if (!visit.test(new TenantId(id))) {
                    return;
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1);
        }
    }
}
