package io.tillbridge.support;

import io.micronaut.security.authentication.Authentication;
import io.tillbridge.access.Caller;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.support.internal.StaffRecords;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Admits support staff to the support console. A caller is staff when its access token carries a
 * platform role (support or superadmin) and the user still holds one in the database, so that a
 * withdrawn role takes effect at once rather than when the token expires. Anyone else, including
 * a support user's impersonation token, answers 403: the console is documented in the public API,
 * so hiding it behind 404 would protect nothing.
 */
@Singleton
public class StaffAccess {

    private final TenantTransactions transactions;
    private final StaffRecords records;

    public StaffAccess(TenantTransactions transactions, StaffRecords records) {
        this.transactions = transactions;
        this.records = records;
    }

    /**
     * The staff user behind {@code authentication}.
     *
     * @throws ProblemException 401 without a valid credential; 403 forbidden for anyone but staff
     */
    public Staff require(Authentication authentication) {
        return require(Caller.of(authentication));
    }

    /**
     * The staff user behind an already verified {@code caller} (the portal's signed-in user).
     *
     * @throws ProblemException 403 forbidden for anyone but staff
     */
    public Staff require(Caller caller) {
        if (!(caller instanceof Caller.User user) || !user.isStaff()) {
            throw notStaff();
        }
        Optional<Caller.PlatformRole> current = transactions.withoutTenant(c -> records.platformRole(c, user.userId()));
        return current.map(role -> new Staff(user.userId(), user.email(), role)).orElseThrow(StaffAccess::notStaff);
    }

    private static ProblemException notStaff() {
        return new ProblemException(ProblemType.FORBIDDEN,
                "The support console is for support staff (platform role support or superadmin).");
    }
}
