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
 * Email verification: the link mailed at signup (and on request) carries a one-time token valid
 * for 24 hours. Following it marks the address verified and uses up every open verification token
 * of that user.
 */
@Singleton
public class EmailVerificationService {

    private static final Logger LOG = LoggerFactory.getLogger(EmailVerificationService.class);
    static final String INVALID = "This verification link is unknown, expired or used already. Ask for a new one.";

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final EmailTokenRepository emailTokens;
    private final AccountMail mail;
    private final MailQuota quota;
    private final AuditLog audit;
    private final Clock clock;
    private final ExecutorService background;

    public EmailVerificationService(TenantTransactions transactions, UserRepository users,
            EmailTokenRepository emailTokens, AccountMail mail, MailQuota quota, AuditLog audit, Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.transactions = transactions;
        this.users = users;
        this.emailTokens = emailTokens;
        this.mail = mail;
        this.quota = quota;
        this.audit = audit;
        this.clock = clock;
        this.background = background;
    }

    /**
     * Verifies the email address the token was mailed to.
     *
     * @throws ProblemException 400 invalid-token when the token is unknown, expired or used
     */
    public void verify(String token) {
        Instant now = clock.instant();
        transactions.withoutTenant(c -> {
            UUID userId = emailTokens.consume(c, Purpose.VERIFY_EMAIL, OpaqueToken.hashOf(token), now)
                    .orElseThrow(() -> new ProblemException(ProblemType.INVALID_TOKEN, INVALID));
            UserRow user = users.findById(c, userId).orElseThrow();
            emailTokens.retireAll(c, userId, Purpose.VERIFY_EMAIL, now);
            if (users.markEmailVerified(c, userId, now)) {
                audit.append(c, null, new Actor(Actor.Kind.USER, userId.toString(), user.email(), null),
                        AuditLog.Entry.of("user.email-verified", "user", userId)
                                .before(Map.of("emailVerified", false))
                                .after(Map.of("email", user.email(), "emailVerified", true)));
            }
            return null;
        });
    }

    /**
     * Mails a new verification link if an unverified account has this address. Whatever the
     * outcome, the caller learns nothing: the work runs in the background and the answer does not
     * wait for it (so its timing says nothing either).
     */
    public void resend(String email) {
        background.execute(() -> {
            try {
                resendNow(EmailAddress.normalise(email));
            } catch (RuntimeException e) {
                LOG.warn("Resending a verification link failed: {}", e.getMessage(), e);
            }
        });
    }

    private void resendNow(String email) {
        Instant now = clock.instant();
        OpaqueToken token = OpaqueToken.generate();
        Optional<UserRow> user = transactions.withoutTenant(c -> {
            Optional<UserRow> found = users.findByEmail(c, email).filter(u -> u.emailVerifiedAt() == null);
            if (found.isPresent() && quota.take(Purpose.VERIFY_EMAIL.wire(), found.get().email())) {
                emailTokens.insert(c, found.get().id(), Purpose.VERIFY_EMAIL, token.hash(), now);
                return found;
            }
            return Optional.<UserRow>empty();
        });
        user.ifPresent(u -> mail.sendVerification(u.email(), u.displayName(), token.value()));
    }
}
