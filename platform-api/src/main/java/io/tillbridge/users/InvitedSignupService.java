package io.tillbridge.users;

import io.micronaut.data.exceptions.DataAccessException;
import io.tillbridge.access.Caller;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.members.InvitationService;
import io.tillbridge.members.Membership;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.users.internal.UserRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-up through an invitation: a person invited to a tenant who has no account yet creates one
 * with the invited address and joins the tenant, without creating a tenant of their own.
 *
 * <p>The account, its membership, the accepted invitation and the audit entries are written in one
 * transaction. The address counts as verified: the invitation link was mailed to it.
 */
@Singleton
public class InvitedSignupService {

    private final TenantTransactions transactions;
    private final UserRepository users;
    private final InvitationService invitations;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final Clock clock;

    public InvitedSignupService(TenantTransactions transactions, UserRepository users, InvitationService invitations,
            PasswordHasher passwords, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.invitations = invitations;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** The new account and the tenant it joined. */
    public record Joined(UUID userId, String email, Membership membership) {
    }

    /**
     * Creates the account for the invited address and accepts the invitation.
     *
     * @throws ProblemException 404 for an unknown token, 410 for a used, revoked or expired one,
     *     409 when the invited address has an account already (sign in and accept instead)
     */
    public Joined signUp(String invitationToken, String name, String password) {
        InvitationService.Invitee invitee = invitations.invitee(invitationToken);
        String passwordHash = passwords.hash(password);
        UUID userId = UUID.randomUUID();
        try {
            return transactions.write(invitee.tenant(), c -> {
                if (users.emailTaken(c, invitee.email())) {
                    throw new ProblemException(ProblemType.CONFLICT, "An account with the invited address exists"
                            + " already. Sign in with it, then open the invitation link again to accept it.");
                }
                users.insert(c, userId, invitee.email(), name, passwordHash);
                users.markEmailVerified(c, userId, clock.instant());
                audit.append(c, invitee.tenant(), new Actor(Actor.Kind.USER, userId.toString(), invitee.email(), null),
                        AuditLog.Entry.of("user.signed-up-by-invitation", "user", userId)
                                .after(Map.of("email", invitee.email(), "name", name)));
                Membership membership = invitations.accept(
                        new Caller.User(userId, invitee.email(), Optional.empty()), invitationToken);
                return new Joined(userId, invitee.email(), membership);
            });
        } catch (DataAccessException e) {
            if (String.valueOf(e.getMessage()).contains("users_email_key")) {
                throw new ProblemException(ProblemType.CONFLICT, "An account with the invited address exists already.");
            }
            throw e;
        }
    }
}
