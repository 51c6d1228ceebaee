package io.tillbridge.users;

import io.tillbridge.mail.EmailAddress;
import io.micronaut.context.annotation.Value;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.users.internal.RefreshTokenRepository;
import io.tillbridge.users.internal.RefreshTokenRepository.RefreshTokenRow;
import io.tillbridge.users.internal.UserRepository;
import io.tillbridge.users.internal.UserRepository.UserRow;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, token refresh and sign-out.
 *
 * <p>A sign-in starts a session: a short-lived access token ({@link AccessTokens}) and an opaque
 * refresh token (30 days by default, {@code tillbridge.auth.refresh-token-lifetime}) that starts
 * a new token family. Each refresh rotates: the presented token is marked rotated and a new one of
 * the same family is issued. Presenting a token that was already rotated means two parties hold
 * it, one of them a thief, so the whole family is revoked (both parties must sign in again) and
 * the event is audited. Refreshes of one token serialise on its row lock. Access tokens are not
 * revoked by any of this: they live only until they expire.
 */
@Singleton
public class SessionService {

    private static final Logger SECURITY = LoggerFactory.getLogger("io.tillbridge.security");
    static final String WRONG_CREDENTIALS = "The email address or password is not correct.";
    static final String REFRESH_REFUSED = "The refresh token is not valid (expired, revoked or unknown). Sign in again.";

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration refreshLifetime;

    public SessionService(TenantTransactions transactions, UserRepository users, RefreshTokenRepository refreshTokens,
            PasswordHasher passwords, LoginThrottle throttle, AccessTokens accessTokens, AuditLog audit, Clock clock,
            @Value("${tillbridge.auth.refresh-token-lifetime:30d}") Duration refreshLifetime) {
        this.transactions = transactions;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.clock = clock;
        this.refreshLifetime = refreshLifetime;
    }

    /**
     * Signs a user in with email and password. An unverified email does not stop the sign-in; the
     * account says so.
     *
     * @param clientAddress the client's IP address, for the per-address throttle
     * @throws LoginThrottledException 429 while the email or the address is locked out
     * @throws ProblemException 401 invalid-credentials, the same for an unknown email and a wrong password
     */
    public Session login(String typedEmail, String password, String clientAddress) {
        String email = EmailAddress.normalise(typedEmail);
        throttle.checkAllowed(email, clientAddress);
        Optional<UserRow> found = transactions.withoutTenant(c -> users.findByEmail(c, email));
        boolean matches = found.flatMap(UserRow::password)
                .map(hash -> passwords.verify(password, hash))
                .orElseGet(() -> passwords.verifyNothing(password));
        if (!matches) {
            throttle.recordFailure(email, clientAddress);
            SECURITY.info("Failed sign-in for {} from {}", email.replaceAll("[\\p{Cntrl}]", "?"), clientAddress);
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, WRONG_CREDENTIALS);
        }
        throttle.recordSuccess(email);
        UserRow user = found.get();
        String rehashed = passwords.needsRehash(user.passwordHash()) ? passwords.hash(password) : null;
        return transactions.withoutTenant(c -> {
            if (rehashed != null) {
                users.setPasswordHash(c, user.id(), rehashed);
            }
            return start(c, user, UUID.randomUUID());
        });
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token.
     *
     * @throws ProblemException 401 unauthorized when the token is unknown, expired, revoked, or
     *     was rotated already (which also revokes its whole family)
     */
    public Session refresh(String refreshToken) {
        byte[] hash = OpaqueToken.hashOf(refreshToken);
        Instant now = clock.instant();
        Optional<Session> session = transactions.withoutTenant(c -> {
            Optional<RefreshTokenRow> found = refreshTokens.findForUpdate(c, hash);
            if (found.isEmpty() || found.get().revokedAt() != null) {
                return Optional.<Session>empty();
            }
            RefreshTokenRow token = found.get();
            if (token.rotatedAt() != null) {
                revokeStolenFamily(c, token, now);
                return Optional.<Session>empty();
            }
            if (!now.isBefore(token.expiresAt())) {
                return Optional.<Session>empty();
            }
            Optional<UserRow> user = users.findById(c, token.userId());
            if (user.isEmpty()) {
                return Optional.<Session>empty();
            }
            refreshTokens.markRotated(c, token.id(), now);
            return Optional.of(start(c, user.get(), token.familyId()));
        });
        return session.orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, REFRESH_REFUSED));
    }

    /**
     * Ends the session the refresh token belongs to: its whole family is revoked. Unknown or
     * already revoked tokens are ignored, so that signing out twice is harmless.
     */
    public void logout(String refreshToken) {
        byte[] hash = OpaqueToken.hashOf(refreshToken);
        Instant now = clock.instant();
        transactions.withoutTenant(c -> {
            Optional<RefreshTokenRow> token = refreshTokens.findForUpdate(c, hash);
            if (token.isPresent()) {
                refreshTokens.revokeFamily(c, token.get().familyId(), now);
            }
            return null;
        });
    }

    /**
     * The user's standing for a long-lived session's check on each request: the last revocation of
     * their sessions and the tenants they belong to now; empty when the user no longer exists.
     */
    public Optional<SessionStanding> standing(UUID userId) {
        return transactions.withoutTenant(c -> users.standing(c, userId));
    }

    /** Issues an access token and a refresh token of {@code family} for the user. */
    private Session start(Connection c, UserRow user, UUID family) throws SQLException {
        Instant now = clock.instant();
        OpaqueToken refresh = OpaqueToken.generate();
        refreshTokens.insert(c, family, user.id(), refresh.hash(), now, now.plus(refreshLifetime));
        Account account = users.account(c, user);
        AccessTokens.Issued access = accessTokens.forUser(user.id(), user.email(), account.user().platformRole());
        return new Session(access, refresh.value(), account, Optional.ofNullable(user.sessionsRevokedAt()));
    }

    private void revokeStolenFamily(Connection c, RefreshTokenRow token, Instant now) throws SQLException {
        int revoked = refreshTokens.revokeFamily(c, token.familyId(), now);
        SECURITY.warn("Refresh token reused after rotation: user {}, token family {} revoked ({} tokens)",
                token.userId(), token.familyId(), revoked);
        audit.append(c, null, new Actor(Actor.Kind.SYSTEM, "sessions", "sessions", null),
                AuditLog.Entry.of("security.refresh-token-reused", "user", token.userId())
                        .after(Map.of("family", token.familyId().toString(), "revokedCount", revoked,
                                "rotatedAt", token.rotatedAt().toString())));
    }
}
