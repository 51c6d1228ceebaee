package io.tillbridge.members;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.members.internal.MembershipRepository;
import io.tillbridge.members.internal.MembershipRepository.Locked;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The members of a tenant: who they are, their roles, and removing them. Owners are special: only
 * an owner may make, demote or remove one, and the last owner can be neither demoted nor removed.
 * Every change locks the tenant's owner memberships first, so two concurrent changes cannot each
 * believe another owner remains.
 */
@Singleton
public class MemberService {

    private final TenantTransactions transactions;
    private final MembershipRepository memberships;
    private final AuditLog audit;

    public MemberService(TenantTransactions transactions, MembershipRepository memberships, AuditLog audit) {
        this.transactions = transactions;
        this.memberships = memberships;
        this.audit = audit;
    }

    /** One page of the members, in the order they joined. */
    public Page<Member> list(TenantScope scope, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        var after = CreationOrder.decode(cursor);
        List<Member> fetched = transactions.withoutTenant(c -> memberships.list(scope.tenant(), c, after, limit + 1));
        return Page.of(fetched, limit, m -> CreationOrder.after(m.joinedAt(), m.id()));
    }

    public Member get(TenantScope scope, UUID userId) {
        scope.require(Permission.READ);
        return transactions.withoutTenant(c -> memberships.find(scope.tenant(), c, userId))
                .orElseThrow(MemberService::notFound);
    }

    /**
     * Gives the member {@code role}. Making or demoting an owner needs {@link Permission#OWN}.
     *
     * @param expectedVersion the membership version the caller read (If-Match); 412 when stale
     */
    public Member changeRole(TenantScope scope, UUID userId, int expectedVersion, TenantRole role) {
        scope.require(Permission.MANAGE_MEMBERS);
        if (role == TenantRole.OWNER) {
            scope.require(Permission.OWN);
        }
        return transactions.withoutTenant(c -> {
            List<Locked> locked = memberships.lockOwnersAnd(scope.tenant(), c, userId);
            Locked target = target(locked, userId);
            boolean demotesOwner = target.role() == TenantRole.OWNER && role != TenantRole.OWNER;
            if (target.role() == TenantRole.OWNER) {
                scope.require(Permission.OWN);
            }
            Member before = memberships.find(scope.tenant(), c, userId).orElseThrow(MemberService::notFound);
            Versions.requireCurrent(expectedVersion, before.version());
            if (demotesOwner && owners(locked) == 1) {
                throw new ProblemException(ProblemType.LAST_OWNER, before.email() + " is the tenant's only owner and"
                        + " cannot be demoted. Make another member owner first.");
            }
            if (role == TenantRole.OWNER || target.role() == TenantRole.OWNER) {
                requireStillOwner(scope, locked);
            }
            if (role == before.tenantRole()) {
                return before;
            }
            memberships.updateRole(scope.tenant(), c, userId, expectedVersion, role);
            Member after = memberships.find(scope.tenant(), c, userId).orElseThrow();
            record(c, scope, "member.role-changed", userId, before, after);
            return after;
        });
    }

    /** Removes the member from the tenant. Removing an owner needs {@link Permission#OWN}. */
    public void remove(TenantScope scope, UUID userId) {
        scope.require(Permission.MANAGE_MEMBERS);
        transactions.withoutTenant(c -> {
            List<Locked> locked = memberships.lockOwnersAnd(scope.tenant(), c, userId);
            Locked target = target(locked, userId);
            Member before = memberships.find(scope.tenant(), c, userId).orElseThrow(MemberService::notFound);
            if (target.role() == TenantRole.OWNER) {
                scope.require(Permission.OWN);
                if (owners(locked) == 1) {
                    throw new ProblemException(ProblemType.LAST_OWNER, before.email() + " is the tenant's only owner and"
                            + " cannot be removed. Make another member owner first.");
                }
                requireStillOwner(scope, locked);
            }
            memberships.delete(scope.tenant(), c, userId);
            record(c, scope, "member.removed", userId, before, null);
            return null;
        });
    }

    private static Locked target(List<Locked> locked, UUID userId) {
        return locked.stream().filter(m -> m.userId().equals(userId)).findFirst().orElseThrow(MemberService::notFound);
    }

    private static long owners(List<Locked> locked) {
        return locked.stream().filter(m -> m.role() == TenantRole.OWNER).count();
    }

    /**
     * An owner-only change by a user whose ownership ended while the request waited for the lock
     * (another owner demoted or removed them) is refused: admission was checked before the lock.
     */
    private static void requireStillOwner(TenantScope scope, List<Locked> locked) {
        if (scope.actor().kind() != Actor.Kind.USER) {
            return;
        }
        boolean stillOwner = locked.stream().anyMatch(m -> m.role() == TenantRole.OWNER
                && m.userId().toString().equals(scope.actor().id()));
        if (!stillOwner) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You are no longer an owner of this tenant.");
        }
    }

    private void record(Connection c, TenantScope scope, String action, UUID userId, Member before, Member after)
            throws SQLException {
        audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of(action, "member", userId)
                .before(before == null ? null : before.auditState())
                .after(after == null ? null : after.auditState()));
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such member.");
    }
}
