package io.tillbridge.partners;

import io.tillbridge.access.Caller;
import io.tillbridge.access.Caller.PartnerScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.paging.Page;
import io.tillbridge.partners.internal.PartnerKeyRepository;
import io.tillbridge.partners.internal.PartnerKeyRepository.StoredKey;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partner's API keys: issued by the partner's owner, listed without secrets, revoked at once,
 * and checked on every request that presents one.
 */
@Singleton
public class PartnerKeys {

    /** {@code last_used_at} is written at most this often per key, not on every request. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private static final Logger SECURITY = LoggerFactory.getLogger("io.tillbridge.security");
    /** Compared against when the prefix is unknown, so that a miss costs the same as a wrong secret. */
    private static final byte[] NO_KEY_HASH = PartnerKeyToken.sha256("no such key");

    private final TenantTransactions transactions;
    private final PartnerAccounts accounts;
    private final PartnerKeyRepository keys;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PartnerKeys(TenantTransactions transactions, PartnerAccounts accounts, PartnerKeyRepository keys,
            AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** Issues a key for one of the calling user's partners. The result holds the only copy of the secret. */
    public IssuedPartnerKey issue(Caller caller, UUID partnerId, String name, Set<PartnerScope> scopes) {
        Caller.User owner = PartnerAccounts.owner(caller);
        if (scopes.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "A key needs at least one scope: read, write or admin.");
        }
        // 72 random bits of prefix: a collision with an existing key is not a practical concern,
        // and the unique index would refuse one rather than mix two keys up.
        PartnerKeyToken token = PartnerKeyToken.generate(random);
        PartnerKey key = new PartnerKey(UUID.randomUUID(), partnerId, name.strip(), token.prefix(), scopes,
                clock.instant().truncatedTo(ChronoUnit.MICROS), Optional.empty(), Optional.empty());
        return transactions.withoutTenant(c -> {
            accounts.requireOwned(c, owner, partnerId);
            keys.insert(c, key, token.secretHash());
            audit.append(c, null, PartnerAccounts.actor(owner),
                    AuditLog.Entry.of("partner-key.created", "partner-key", key.id()).after(describe(key)));
            return new IssuedPartnerKey(key, token);
        });
    }

    /** The keys of one of the calling user's partners, revoked ones included, oldest first. */
    public Page<PartnerKey> list(Caller caller, UUID partnerId, String cursor, Integer limit) {
        Caller.User owner = PartnerAccounts.owner(caller);
        int max = Page.limit(limit);
        List<PartnerKey> fetched = transactions.withoutTenant(c -> {
            accounts.requireOwned(c, owner, partnerId);
            return keys.list(c, partnerId, ListPosition.from(cursor), max + 1);
        });
        return Page.of(fetched, max, k -> new ListPosition(k.createdAt(), k.id()).cursor());
    }

    public PartnerKey get(Caller caller, UUID partnerId, UUID keyId) {
        Caller.User owner = PartnerAccounts.owner(caller);
        return transactions.withoutTenant(c -> {
            accounts.requireOwned(c, owner, partnerId);
            return keys.find(c, partnerId, keyId)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such key."));
        });
    }

    /** Revokes a key; from the next request on it authenticates nothing. Revoking twice changes nothing. */
    public void revoke(Caller caller, UUID partnerId, UUID keyId) {
        Caller.User owner = PartnerAccounts.owner(caller);
        transactions.withoutTenant(c -> {
            accounts.requireOwned(c, owner, partnerId);
            PartnerKey key = keys.find(c, partnerId, keyId)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such key."));
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (keys.revoke(c, partnerId, keyId, now)) {
                Map<String, Object> after = describe(key);
                after.put("revokedAt", now.toString());
                audit.append(c, null, PartnerAccounts.actor(owner),
                        AuditLog.Entry.of("partner-key.revoked", "partner-key", keyId).before(describe(key)).after(after));
            }
            return null;
        });
    }

    /**
     * The partner behind {@code credential} (a {@code tbk_} key), or empty when the key is malformed,
     * unknown, wrong or revoked. The secret's hash is compared in constant time. A successful use is
     * recorded in {@code last_used_at} at most once per {@link #TOUCH_INTERVAL}.
     */
    public Optional<Caller.Partner> authenticate(String credential) {
        Optional<PartnerKeyToken> parsed = PartnerKeyToken.parse(credential);
        if (parsed.isEmpty()) {
            SECURITY.warn("Refused a malformed partner key");
            return Optional.empty();
        }
        PartnerKeyToken token = parsed.get();
        return transactions.withoutTenant(c -> {
            Optional<StoredKey> stored = keys.findByPrefix(c, token.prefix());
            boolean matches = token.matches(stored.map(StoredKey::secretHash).orElse(NO_KEY_HASH));
            if (stored.isEmpty() || !matches) {
                SECURITY.warn("Refused partner key {}: {}", token, stored.isEmpty() ? "unknown prefix" : "wrong secret");
                return Optional.empty();
            }
            PartnerKey key = stored.get().key();
            if (key.revoked()) {
                SECURITY.warn("Refused partner key {}: revoked at {}", token, key.revokedAt().get());
                return Optional.empty();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant staleBefore = now.minus(TOUCH_INTERVAL);
            if (key.lastUsedAt().map(t -> t.isBefore(staleBefore)).orElse(true)) {
                keys.touch(c, key.id(), now, staleBefore);
            }
            return Optional.of(new Caller.Partner(key.partnerId(), key.id(), key.scopes()));
        });
    }

    private static Map<String, Object> describe(PartnerKey key) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("partnerId", key.partnerId().toString());
        state.put("name", key.name());
        state.put("prefix", key.prefix());
        state.put("scopes", key.scopes().stream().map(PartnerScope::wire).sorted().toList());
        return state;
    }
}
