package io.tillbridge.partners;

import io.tillbridge.access.Caller;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.paging.Page;
import io.tillbridge.partners.internal.PartnerRepository;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Partner accounts, managed by the signed-in users who own them. A partner that another user owns
 * answers 404, as if it did not exist. Partner keys and support impersonations cannot manage
 * partner accounts (403): a stolen key must not be able to mint more keys.
 */
@Singleton
public class PartnerAccounts {

    private final TenantTransactions transactions;
    private final PartnerRepository partners;
    private final AuditLog audit;
    private final Clock clock;

    public PartnerAccounts(TenantTransactions transactions, PartnerRepository partners, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a partner account owned by the calling user. */
    public Partner create(Caller caller, String name, String contactEmail) {
        Caller.User owner = owner(caller);
        Partner partner = new Partner(UUID.randomUUID(), name.strip(), contactEmail.strip(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return transactions.withoutTenant(c -> {
            partners.insert(c, partner, owner.userId());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("name", partner.name());
            after.put("contactEmail", partner.contactEmail());
            audit.append(c, null, actor(owner), AuditLog.Entry.of("partner.created", "partner", partner.id()).after(after));
            return partner;
        });
    }

    /** The calling user's partners, oldest first. */
    public Page<Partner> owned(Caller caller, String cursor, Integer limit) {
        Caller.User owner = owner(caller);
        int max = Page.limit(limit);
        var fetched = transactions.withoutTenant(c -> partners.listOwned(c, owner.userId(), ListPosition.from(cursor), max + 1));
        return Page.of(fetched, max, p -> new ListPosition(p.createdAt(), p.id()).cursor());
    }

    /** One of the calling user's partners; 404 for any other. */
    public Partner get(Caller caller, UUID partnerId) {
        Caller.User owner = owner(caller);
        return transactions.withoutTenant(c -> requireOwned(c, owner, partnerId));
    }

    /** The partner, if {@code owner} owns it; 404 otherwise. For this feature's services. */
    Partner requireOwned(Connection c, Caller.User owner, UUID partnerId) throws SQLException {
        return partners.findOwned(c, owner.userId(), partnerId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such partner."));
    }

    /** The signed-in user behind {@code caller}; 403 for partner keys and support impersonations. */
    static Caller.User owner(Caller caller) {
        if (caller instanceof Caller.User user) {
            return user;
        }
        throw new ProblemException(ProblemType.FORBIDDEN,
                "Partner accounts and their keys are managed by their owner, signed in; not with an API key.");
    }

    static Actor actor(Caller.User user) {
        return new Actor(Actor.Kind.USER, user.userId().toString(), user.email(), null);
    }
}
