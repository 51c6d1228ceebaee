package io.tillbridge.users;

import io.micronaut.data.exceptions.DataAccessException;
import io.tillbridge.access.TenantRole;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.users.internal.EmailTokenRepository;
import io.tillbridge.users.internal.TenantRegistry;
import io.tillbridge.users.internal.TenantSlugs;
import io.tillbridge.users.internal.UserRepository;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Self-signup: a business becomes a tenant and the person signing up its owner.
 *
 * <p>The tenant, its settings, the user, the owner membership, the verification token and the
 * audit entry are written in one transaction scoped to the new tenant (its {@code tenant_settings}
 * row is under row-level security; the other tables are platform tables). Either all of it exists
 * afterwards or none of it. The verification mail goes out after the commit.
 */
@Singleton
public class SignupService {

    private static final Logger LOG = LoggerFactory.getLogger(SignupService.class);
    static final String EMAIL_TAKEN = "An account with this email address exists already."
            + " Sign in, or reset your password if you forgot it.";

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final TenantRegistry tenants;
    private final EmailTokenRepository emailTokens;
    private final PasswordHasher passwords;
    private final AccountMail mail;
    private final AuditLog audit;
    private final Clock clock;

    public SignupService(TenantTransactions transactions, UserRepository users, TenantRegistry tenants,
            EmailTokenRepository emailTokens, PasswordHasher passwords, AccountMail mail, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.tenants = tenants;
        this.emailTokens = emailTokens;
        this.passwords = passwords;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates the tenant and its owner and mails the owner a verification link.
     *
     * @throws ProblemException 409 conflict when the email address is registered already
     */
    public SignupResult signUp(Signup signup) {
        String passwordHash = passwords.hash(signup.password());
        TenantId tenant = TenantId.random();
        UUID userId = UUID.randomUUID();
        OpaqueToken verification = OpaqueToken.generate();
        Instant now = clock.instant();
        SignupResult result;
        try {
            result = transactions.write(tenant, c -> {
                if (users.emailTaken(c, signup.email())) {
                    throw new ProblemException(ProblemType.CONFLICT, EMAIL_TAKEN);
                }
                String slug = tenants.insertTenant(c, tenant, signup.businessName(), TenantSlugs.base(signup.businessName()));
                tenants.insertSettings(c, tenant, signup.businessName(), signup.currency());
                users.insert(c, userId, signup.email(), signup.name(), passwordHash);
                users.addMembership(c, tenant, userId, TenantRole.OWNER);
                emailTokens.insert(c, userId, EmailTokenRepository.Purpose.VERIFY_EMAIL, verification.hash(), now);
                audit.append(c, tenant, new Actor(Actor.Kind.USER, userId.toString(), signup.email(), null),
                        AuditLog.Entry.of("tenant.signed-up", "tenant", tenant).after(state(signup, slug, userId)));
                return new SignupResult(tenant, slug, userId);
            });
        } catch (DataAccessException e) {
            if (isEmailTaken(e)) {
                // A concurrent signup with the same address committed first.
                throw new ProblemException(ProblemType.CONFLICT, EMAIL_TAKEN);
            }
            throw e;
        }
        try (MDC.MDCCloseable logTenant = MDC.putCloseable(TenantTransactions.MDC_KEY, tenant.toString())) {
            LOG.info("Tenant {} ({}) signed up; owner {}", result.tenant(), result.slug(), userId);
            mail.sendVerification(signup.email(), signup.name(), verification.value());
        }
        return result;
    }

    /**
     * The tenant owned by the account with {@code signup}'s address, created with that account when
     * there is none: a business whose owner's address counts as verified and who gets no mail. For
     * accounts the platform makes itself (the demo tenant of the launcher, DD-041), audited as done by
     * {@code by}; never reachable from the API. An existing account keeps its password and tenant.
     */
    public SignupResult ensureVerified(Signup signup, Actor by) {
        Optional<SignupResult> existing = transactions.withoutTenant(c -> {
            Optional<UserRepository.UserRow> user = users.findByEmail(c, signup.email());
            if (user.isEmpty()) {
                return Optional.<SignupResult>empty();
            }
            return users.memberships(c, user.get().id()).stream().findFirst()
                    .map(m -> new SignupResult(m.tenant(), m.slug(), user.get().id()));
        });
        if (existing.isPresent()) {
            return existing.get();
        }
        String passwordHash = passwords.hash(signup.password());
        TenantId tenant = TenantId.random();
        UUID userId = UUID.randomUUID();
        Instant now = clock.instant();
        SignupResult result = transactions.write(tenant, c -> {
            String slug = tenants.insertTenant(c, tenant, signup.businessName(), TenantSlugs.base(signup.businessName()));
            tenants.insertSettings(c, tenant, signup.businessName(), signup.currency());
            users.insert(c, userId, signup.email(), signup.name(), passwordHash);
            users.markEmailVerified(c, userId, now);
            users.addMembership(c, tenant, userId, TenantRole.OWNER);
            audit.append(c, tenant, by, AuditLog.Entry.of("tenant.signed-up", "tenant", tenant).after(state(signup, slug, userId)));
            return new SignupResult(tenant, slug, userId);
        });
        LOG.info("Tenant {} ({}) created with its verified owner {}", result.tenant(), result.slug(), userId);
        return result;
    }

    /**
     * What an {@code Idempotency-Key} of a signup is checked against: the request with its
     * password replaced by a slow, salted fingerprint, so that the idempotency record (kept for
     * replays) holds no fast hash of a password. Equal requests with the same key give equal
     * fingerprints.
     */
    public Map<String, Object> idempotencyFingerprint(Signup signup, String idempotencyKey) {
        Map<String, Object> fingerprint = new LinkedHashMap<>();
        fingerprint.put("businessName", signup.businessName());
        fingerprint.put("email", signup.email());
        fingerprint.put("name", signup.name());
        fingerprint.put("currency", signup.currency());
        fingerprint.put("passwordFingerprint", passwords.fingerprint(signup.password(), idempotencyKey));
        return fingerprint;
    }

    private static Map<String, Object> state(Signup signup, String slug, UUID userId) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("slug", slug);
        state.put("businessName", signup.businessName());
        state.put("currency", signup.currency());
        state.put("owner", Map.of("userId", userId.toString(), "email", signup.email(), "name", signup.name()));
        return state;
    }

    private static boolean isEmailTaken(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("users_email_key")) {
                return true;
            }
        }
        return false;
    }
}
