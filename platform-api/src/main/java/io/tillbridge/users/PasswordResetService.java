package io.tillbridge.users;

import io.tillbridge.mail.EmailAddress;
import io.micronaut.scheduling.TaskExecutors;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.users.internal.EmailTokenRepository;
import io.tillbridge.users.internal.EmailTokenRepository.Purpose;
import io.tillbridge.users.internal.RefreshTokenRepository;
import io.tillbridge.users.internal.UserRepository;
import io.tillbridge.users.internal.UserRepository.UserRow;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password reset by mail: a one-time link valid for 1 hour. Setting the new password uses up every
 * open reset link of the user, signs out all their sessions (revokes every refresh token), and
 * counts as proof that they own the address (it becomes verified).
 */
@Singleton
public class PasswordResetService {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);
    static final String INVALID = "This password reset link is unknown, expired or used already. Ask for a new one.";

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final EmailTokenRepository emailTokens;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher passwords;
    private final AccountMail mail;
    private final MailQuota quota;
    private final AuditLog audit;
    private final Clock clock;
    private final ExecutorService background;

    public PasswordResetService(TenantTransactions transactions, UserRepository users, EmailTokenRepository emailTokens,
            RefreshTokenRepository refreshTokens, PasswordHasher passwords, AccountMail mail, MailQuota quota,
            AuditLog audit, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.transactions = transactions;
        this.users = users;
        this.emailTokens = emailTokens;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.mail = mail;
        this.quota = quota;
        this.audit = audit;
        this.clock = clock;
        this.background = background;
    }

    /**
     * Mails a reset link if an account has this address. The caller learns nothing either way: the
     * work runs in the background and the answer does not wait for it.
     */
    public void request(String email) {
        background.execute(() -> {
            try {
                requestNow(EmailAddress.normalise(email));
            } catch (RuntimeException e) {
                LOG.warn("A password reset request failed: {}", e.getMessage(), e);
            }
        });
    }

    private void requestNow(String email) {
        Instant now = clock.instant();
        OpaqueToken token = OpaqueToken.generate();
        Optional<UserRow> user = transactions.withoutTenant(c -> {
            Optional<UserRow> found = users.findByEmail(c, email);
            if (found.isPresent() && quota.take(Purpose.RESET_PASSWORD.wire(), found.get().email())) {
                emailTokens.insert(c, found.get().id(), Purpose.RESET_PASSWORD, token.hash(), now);
                return found;
            }
            return Optional.<UserRow>empty();
        });
        user.ifPresent(u -> mail.sendPasswordReset(u.email(), u.displayName(), token.value()));
    }

    /**
     * Sets a new password with a reset token.
     *
     * @param newPassword checked against the policy already
     * @throws ProblemException 400 invalid-token when the token is unknown, expired or used
     */
    public void confirm(String token, String newPassword) {
        byte[] tokenHash = OpaqueToken.hashOf(token);
        // Check the token before spending a password hash on it; it is used up atomically below.
        if (!transactions.withoutTenant(c -> emailTokens.usable(c, Purpose.RESET_PASSWORD, tokenHash, clock.instant()))) {
            throw new ProblemException(ProblemType.INVALID_TOKEN, INVALID);
        }
        String hash = passwords.hash(newPassword);
        Instant now = clock.instant();
        transactions.withoutTenant(c -> {
            UUID userId = emailTokens.consume(c, Purpose.RESET_PASSWORD, tokenHash, now)
                    .orElseThrow(() -> new ProblemException(ProblemType.INVALID_TOKEN, INVALID));
            UserRow user = users.findById(c, userId).orElseThrow();
            users.setPasswordHash(c, userId, hash);
            emailTokens.retireAll(c, userId, Purpose.RESET_PASSWORD, now);
            refreshTokens.revokeAllOfUser(c, userId, now);
            users.revokeSessions(c, userId, now);
            users.markEmailVerified(c, userId, now);
            audit.append(c, null, new Actor(Actor.Kind.USER, userId.toString(), user.email(), null),
                    AuditLog.Entry.of("user.password-reset", "user", userId)
                            .after(Map.of("allSessionsEnded", true)));
            return null;
        });
    }
}
