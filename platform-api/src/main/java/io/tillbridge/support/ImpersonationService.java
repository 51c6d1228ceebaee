package io.tillbridge.support;

import io.tillbridge.access.AccessTokens;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.support.internal.ImpersonationRecords;
import io.tillbridge.support.internal.TenantDirectory;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Time-limited, audited support access to one tenant. A session starts read-only; the support
 * user confirms write access by typing the tenant's slug. Only the support user who started a
 * session may confirm it, renew its token or end it. Ending takes effect at once: tenant admission
 * checks the session on every request, not just the token's signature.
 *
 * <p>Starting, confirming, renewing and ending are audited under the tenant with the support user
 * as actor. What the support user does with the token is audited by the feature that does it, with
 * the impersonation as {@code onBehalfOf}.
 */
@Singleton
public class ImpersonationService {

    public static final String STARTED = "support.impersonation.started";
    public static final String WRITE_CONFIRMED = "support.impersonation.write-confirmed";
    public static final String RENEWED = "support.impersonation.renewed";
    public static final String ENDED = "support.impersonation.ended";
    public static final int DEFAULT_MINUTES = 30;
    public static final int MAX_MINUTES = 120;

    private final TenantTransactions transactions;
    private final ImpersonationRecords records;
    private final TenantDirectory directory;
    private final AuditLog audit;
    private final AccessTokens tokens;
    private final Clock clock;

    public ImpersonationService(TenantTransactions transactions, ImpersonationRecords records,
            TenantDirectory directory, AuditLog audit, AccessTokens tokens, Clock clock) {
        this.transactions = transactions;
        this.records = records;
        this.directory = directory;
        this.audit = audit;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Starts a read-only session of {@code minutes} (default 30, at most 120) in the tenant. */
    public ImpersonationGrant start(Staff staff, TenantId tenant, String reason, Integer minutes) {
        int length = minutes == null ? DEFAULT_MINUTES : minutes;
        if (length < 1 || length > MAX_MINUTES) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "minutes must be between 1 and " + MAX_MINUTES + ".");
        }
        String why = new Reason(reason).text();
        UUID id = UUID.randomUUID();
        Instant now = now();
        Instant expiresAt = now.plus(Duration.ofMinutes(length));
        transactions.write(tenant, c -> {
            directory.find(c, tenant).orElseThrow(SupportTenantService::noSuchTenant);
            records.insert(c, id, staff.userId(), tenant, why, now, expiresAt);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("reason", why);
            after.put("startedAt", now.toString());
            after.put("expiresAt", expiresAt.toString());
            after.put("writeAccess", false);
            return audit.append(c, tenant, staff.actor(), AuditLog.Entry.of(STARTED, "impersonation", id).after(after));
        });
        return grant(staff, id, tenant, expiresAt, false);
    }

    /**
     * Gives the session write access, if {@code confirmation} is the tenant's slug, and returns a
     * fresh token. Confirming again changes nothing and returns a fresh token.
     */
    public ImpersonationGrant confirmWrite(Staff staff, UUID id, String confirmation) {
        Impersonation session = transactions.withoutTenant(c -> {
            Impersonation s = live(staff, records.lock(c, id, now()), "confirm write access for");
            if (!s.tenantSlug().equals(confirmation == null ? null : confirmation.trim())) {
                throw new ProblemException(ProblemType.UNPROCESSABLE,
                        "The confirmation does not match: type the tenant's slug exactly to confirm write access.");
            }
            if (!s.writeAccess()) {
                Instant at = now();
                records.confirmWrite(c, id, at);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("writeAccess", true);
                after.put("writeConfirmedAt", at.toString());
                audit.append(c, new TenantId(s.tenantId()), staff.actor(), AuditLog.Entry.of(WRITE_CONFIRMED,
                        "impersonation", id).before(Map.of("writeAccess", false)).after(after));
            }
            return s;
        });
        return grant(staff, id, new TenantId(session.tenantId()), session.expiresAt(), true);
    }

    /** A fresh token for a live session, since tokens may live shorter than the session. */
    public ImpersonationGrant renew(Staff staff, UUID id) {
        Impersonation session = transactions.withoutTenant(c -> {
            Impersonation s = live(staff, records.lock(c, id, now()), "renew the token of");
            audit.append(c, new TenantId(s.tenantId()), staff.actor(), AuditLog.Entry.of(RENEWED, "impersonation", id));
            return s;
        });
        return grant(staff, id, new TenantId(session.tenantId()), session.expiresAt(), session.writeAccess());
    }

    /** Ends the session; its tokens stop working at once. Ending an ended session changes nothing. */
    public Impersonation end(Staff staff, UUID id) {
        return transactions.withoutTenant(c -> {
            Impersonation s = own(staff, records.lock(c, id, now()), "end");
            if (s.endedAt() != null) {
                return s;
            }
            Instant at = now();
            records.end(c, id, at);
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("endedAt", null);
            audit.append(c, new TenantId(s.tenantId()), staff.actor(), AuditLog.Entry.of(ENDED, "impersonation", id)
                    .before(before).after(Map.of("endedAt", at.toString())));
            return records.lock(c, id, at).orElseThrow();
        });
    }

    /** The staff user's own sessions, newest first: all, live only ({@code true}) or finished only. */
    public Page<Impersonation> mine(Staff staff, Boolean active, Integer limit, String cursor) {
        int size = Page.limit(limit);
        Optional<ImpersonationRecords.Position> after = position(cursor);
        List<Impersonation> fetched = transactions.withoutTenant(
                c -> records.ofSupportUser(c, staff.userId(), active, now(), after, size + 1));
        return Page.of(fetched, size, s -> Cursor.of(s.startedAt(), s.id()));
    }

    private ImpersonationGrant grant(Staff staff, UUID id, TenantId tenant, Instant expiresAt, boolean writeAccess) {
        AccessTokens.Issued issued = tokens.forSupport(staff.userId(), staff.email(), id, tenant, expiresAt);
        return new ImpersonationGrant(id, tenant.value(), issued.token(), issued.expiresAt(), expiresAt, writeAccess);
    }

    private Impersonation live(Staff staff, Optional<Impersonation> found, String what) {
        Impersonation s = own(staff, found, what);
        if (!s.active()) {
            throw new ProblemException(ProblemType.CONFLICT, s.endedAt() != null
                    ? "This impersonation has ended; start a new one."
                    : "This impersonation expired at " + s.expiresAt() + "; start a new one.");
        }
        return s;
    }

    private static Impersonation own(Staff staff, Optional<Impersonation> found, String what) {
        Impersonation s = found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such impersonation."));
        if (!s.supportUserId().equals(staff.userId())) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Only the support user who started this impersonation may " + what + " it.");
        }
        return s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Optional<ImpersonationRecords.Position> position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        Cursor decoded = Cursor.decode(cursor, 2);
        try {
            return Optional.of(new ImpersonationRecords.Position(Instant.parse(decoded.get(0)),
                    UUID.fromString(decoded.get(1))));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "The cursor is not one this API issued: pass back nextCursor unchanged.");
        }
    }
}
