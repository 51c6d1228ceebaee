package io.tillbridge.partners;

import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.paging.Page;
import io.tillbridge.partners.internal.PartnerGrantRepository;
import io.tillbridge.partners.internal.PartnerRepository;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which partners a tenant lets in. A member with the configure permission grants and revokes;
 * {@code TenantAccess} admits a partner's keys to the tenants with a live grant only.
 *
 * <p>A partner key with the write scope holds the configure permission too, but it may change only
 * its own partner's grant (it may leave a tenant): letting a partner hand a merchant's data to
 * another partner is the merchant's decision. A support impersonation may revoke a grant but not
 * create one: support could otherwise let in a partner account it controls and keep access after
 * the impersonation ends (DD-019).
 */
@Singleton
public class PartnerGrants {

    private final TenantTransactions transactions;
    private final PartnerGrantRepository grants;
    private final PartnerRepository partners;
    private final AuditLog audit;
    private final Clock clock;

    public PartnerGrants(TenantTransactions transactions, PartnerGrantRepository grants, PartnerRepository partners,
            AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.grants = grants;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    /** The result of a grant: the live grant, and whether this call created it. */
    public record Granted(PartnerGrant grant, boolean created) {
    }

    /** The tenant's live grants, oldest first. */
    public Page<PartnerGrant> list(TenantScope scope, String cursor, Integer limit) {
        scope.require(Permission.READ);
        int max = Page.limit(limit);
        List<PartnerGrant> fetched = transactions.withoutTenant(
                c -> grants.listLive(c, scope.tenant(), ListPosition.from(cursor), max + 1));
        return Page.of(fetched, max, g -> new ListPosition(g.grantedAt(), g.partnerId()).cursor());
    }

    public PartnerGrant get(TenantScope scope, UUID partnerId) {
        scope.require(Permission.READ);
        return transactions.withoutTenant(c -> grants.findLive(c, scope.tenant(), partnerId))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "This tenant has not granted that partner access."));
    }

    /** Grants {@code partnerId} access to the tenant; granting a live grant again changes nothing. */
    public Granted grant(Caller caller, TenantScope scope, UUID partnerId) {
        scope.require(Permission.CONFIGURE);
        if (caller instanceof Caller.Support) {
            throw new ProblemException(ProblemType.DELEGATED_ACCESS, "A support impersonation cannot let a partner"
                    + " into the tenant; a member of the tenant decides which partners it lets in.");
        }
        requireOwnGrantForPartnerKeys(caller, partnerId, "grant access to");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.withoutTenant(c -> {
            Partner partner = partners.find(c, partnerId).orElseThrow(() -> new ProblemException(
                    ProblemType.UNPROCESSABLE, "No partner has the id " + partnerId + "."));
            boolean created = grants.grant(c, scope.tenant(), partnerId, grantedBy(caller), now);
            if (created) {
                audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("partner-grant.created", "partner",
                        partnerId).after(state(partner, now)));
            }
            return new Granted(grants.findLive(c, scope.tenant(), partnerId).orElseThrow(), created);
        });
    }

    /** Revokes the partner's access at once; 404 when the tenant has no live grant for it. */
    public void revoke(Caller caller, TenantScope scope, UUID partnerId) {
        scope.require(Permission.CONFIGURE);
        requireOwnGrantForPartnerKeys(caller, partnerId, "revoke access of");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.withoutTenant(c -> {
            PartnerGrant live = grants.findLive(c, scope.tenant(), partnerId).orElseThrow(() -> new ProblemException(
                    ProblemType.NOT_FOUND, "This tenant has not granted that partner access."));
            grants.revoke(c, scope.tenant(), partnerId, now);
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("partnerName", live.partnerName());
            before.put("grantedAt", live.grantedAt().toString());
            Map<String, Object> after = new LinkedHashMap<>(before);
            after.put("revokedAt", now.toString());
            audit.append(c, scope.tenant(), scope.actor(),
                    AuditLog.Entry.of("partner-grant.revoked", "partner", partnerId).before(before).after(after));
            return null;
        });
    }

    /** The tenants that granted the calling partner access; only partner keys may ask. */
    public Page<GrantedTenant> grantedTenants(Caller caller, String cursor, Integer limit) {
        if (!(caller instanceof Caller.Partner partner)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a partner API key lists the tenants that granted it access.");
        }
        int max = Page.limit(limit);
        List<GrantedTenant> fetched = transactions.withoutTenant(
                c -> grants.grantedTenants(c, partner.partnerId(), ListPosition.from(cursor), max + 1));
        return Page.of(fetched, max, t -> new ListPosition(t.grantedAt(), t.id()).cursor());
    }

    private static void requireOwnGrantForPartnerKeys(Caller caller, UUID partnerId, String action) {
        if (caller instanceof Caller.Partner partner && !partner.partnerId().equals(partnerId)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "A partner key cannot " + action
                    + " another partner; a member of the tenant decides which partners it lets in.");
        }
    }

    private static UUID grantedBy(Caller caller) {
        if (caller instanceof Caller.User user) {
            return user.userId();
        }
        if (caller instanceof Caller.Support support) {
            return support.supportUserId();
        }
        return null;
    }

    private static Map<String, Object> state(Partner partner, Instant grantedAt) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("partnerName", partner.name());
        state.put("grantedAt", grantedAt.toString());
        return state;
    }
}
