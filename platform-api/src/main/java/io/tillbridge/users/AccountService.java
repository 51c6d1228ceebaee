package io.tillbridge.users;

import io.tillbridge.access.Caller;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.users.internal.RefreshTokenRepository;
import io.tillbridge.users.internal.UserRepository;
import io.tillbridge.users.internal.UserRepository.UserRow;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/** A signed-in user's own account: who they are, their tenants, their name and password. */
@Singleton
public class AccountService {

    static final String WRONG_PASSWORD = "The current password is not correct.";

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    public AccountService(TenantTransactions transactions, UserRepository users, RefreshTokenRepository refreshTokens,
            PasswordHasher passwords, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller and the tenants they belong to, with their role in each. */
    public Account account(Caller.User caller) {
        return transactions.withoutTenant(c -> users.account(c, user(c, caller)));
    }

    /**
     * Changes the display name, if the account is still at {@code expectedVersion}.
     *
     * @throws ProblemException 412 precondition-failed when the account changed since it was read
     */
    public Account rename(Caller.User caller, int expectedVersion, String name) {
        String newName = name.trim();
        return transactions.withoutTenant(c -> {
            UserRow before = user(c, caller);
            OptionalInt version = users.rename(c, caller.userId(), newName, expectedVersion);
            if (version.isEmpty()) {
                Versions.requireCurrent(expectedVersion, before.version());
            }
            audit.append(c, null, actor(caller), AuditLog.Entry.of("user.renamed", "user", caller.userId())
                    .before(Map.of("name", before.displayName() == null ? "" : before.displayName()))
                    .after(Map.of("name", newName)));
            return users.account(c, user(c, caller));
        });
    }

    /**
     * Changes the password after checking the current one, and signs out every session of the
     * user (their refresh tokens are revoked; access tokens run out within minutes). Wrong current
     * passwords count against the sign-in throttle of the user's email.
     *
     * @throws ProblemException 403 forbidden when the current password is wrong
     * @throws LoginThrottledException 429 while the email or the address is locked out
     */
    public void changePassword(Caller.User caller, String currentPassword, String newPassword, String clientAddress) {
        UserRow user = transactions.withoutTenant(c -> user(c, caller));
        throttle.checkAllowed(user.email(), clientAddress);
        boolean matches = user.password().map(hash -> passwords.verify(currentPassword, hash))
                .orElseGet(() -> passwords.verifyNothing(currentPassword));
        if (!matches) {
            throttle.recordFailure(user.email(), clientAddress);
            throw new ProblemException(ProblemType.FORBIDDEN, WRONG_PASSWORD);
        }
        String hash = passwords.hash(newPassword);
        Instant now = clock.instant();
        transactions.withoutTenant(c -> {
            users.setPasswordHash(c, user.id(), hash);
            refreshTokens.revokeAllOfUser(c, user.id(), now);
            users.revokeSessions(c, user.id(), now);
            audit.append(c, null, actor(caller), AuditLog.Entry.of("user.password-changed", "user", user.id())
                    .after(Map.of("allSessionsEnded", true)));
            return null;
        });
    }

    /**
     * Signs the user out everywhere: every refresh token is revoked (API clients must sign in
     * again once their access token runs out, within minutes) and every portal session ends at
     * its next request.
     */
    public void signOutEverywhere(Caller.User caller) {
        Instant now = clock.instant();
        transactions.withoutTenant(c -> {
            UserRow user = user(c, caller);
            int revoked = refreshTokens.revokeAllOfUser(c, user.id(), now);
            users.revokeSessions(c, user.id(), now);
            audit.append(c, null, actor(caller), AuditLog.Entry.of("user.signed-out-everywhere", "user", user.id())
                    .after(Map.of("allSessionsEnded", true, "refreshTokensRevoked", revoked)));
            return null;
        });
    }

    private UserRow user(Connection c, Caller.User caller) throws SQLException {
        return users.findById(c, caller.userId()).orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED,
                "The account of this access token no longer exists. Sign in again."));
    }

    private static Actor actor(Caller.User caller) {
        return new Actor(Actor.Kind.USER, caller.userId().toString(), caller.email(), null);
    }
}
