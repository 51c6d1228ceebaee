package io.tillbridge.members;

import io.tillbridge.mail.EmailAddress;
import io.micronaut.context.env.Environment;
import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.mail.Mail;
import io.tillbridge.mail.Mailer;
import io.tillbridge.members.internal.InvitationRepository;
import io.tillbridge.members.internal.MembershipRepository;
import io.tillbridge.members.internal.TenantDirectory;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitations to join a tenant. Inviting mails a link with a one-time token to the address; the
 * invited person accepts it signed in as a user with that address, and becomes a member with the
 * invited role. A new invitation to an address replaces its pending ones.
 */
@Singleton
public class InvitationService {

    /** How long an invitation can be accepted. */
    public static final Duration LIFETIME = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);
    private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final TenantTransactions transactions;
    private final InvitationRepository invitations;
    private final MembershipRepository memberships;
    private final TenantDirectory directory;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;
    private final Environment environment;

    public InvitationService(TenantTransactions transactions, InvitationRepository invitations,
            MembershipRepository memberships, TenantDirectory directory, AuditLog audit, Mailer mailer, Clock clock,
            Environment environment) {
        this.transactions = transactions;
        this.invitations = invitations;
        this.memberships = memberships;
        this.directory = directory;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.environment = environment;
    }

    /**
     * Invites {@code email} with {@code role} and mails the link. Inviting an owner needs
     * {@link Permission#OWN}. If the mail cannot be sent, nothing is created (503).
     */
    public Invitation invite(TenantScope scope, String email, TenantRole role) {
        scope.require(Permission.MANAGE_MEMBERS);
        if (role == TenantRole.OWNER) {
            scope.require(Permission.OWN);
        }
        String address = EmailAddress.normalise(email);
        TenantId tenant = scope.tenant();
        return transactions.write(tenant, c -> {
            if (memberships.hasMemberWithEmail(tenant, c, address)) {
                throw new ProblemException(ProblemType.CONFLICT, address + " is a member of this tenant already.");
            }
            Instant now = clock.instant();
            for (Invitation replaced : invitations.revokePendingFor(tenant, c, address, now)) {
                audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("invitation.revoked", "invitation", replaced.id())
                        .before(replaced.auditState()).after(Map.of("status", "revoked", "reason", "replaced by a new invitation")));
            }
            InvitationToken token = InvitationToken.issue(tenant);
            Invitation created = invitations.insert(tenant, c, UUID.randomUUID(), address, role, token.secretHash(),
                    inviter(scope), now.plus(LIFETIME), now);
            audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("invitation.created", "invitation", created.id())
                    .after(created.auditState()));
            send(created, token, tenantName(c, tenant), scope.actor());
            return created;
        });
    }

    /** One page of the invitations that can still be accepted, oldest first. */
    public Page<Invitation> listPending(TenantScope scope, Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        var after = CreationOrder.decode(cursor);
        List<Invitation> fetched = transactions.read(scope.tenant(),
                c -> invitations.listPending(scope.tenant(), c, clock.instant(), after, limit + 1));
        return Page.of(fetched, limit, i -> CreationOrder.after(i.createdAt(), i.id()));
    }

    public Invitation get(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> invitations.find(scope.tenant(), c, id, clock.instant(), false))
                .orElseThrow(InvitationService::notFound);
    }

    /**
     * Revokes a pending invitation so that its link no longer works. Revoking one that is revoked or
     * expired already changes nothing; an accepted one answers 409 (remove the member instead).
     */
    public void revoke(TenantScope scope, UUID id) {
        scope.require(Permission.MANAGE_MEMBERS);
        transactions.write(scope.tenant(), c -> {
            Instant now = clock.instant();
            Invitation before = invitations.find(scope.tenant(), c, id, now, true).orElseThrow(InvitationService::notFound);
            if ("accepted".equals(before.status())) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "This invitation was accepted already; remove the member instead.");
            }
            if (Invitation.PENDING.equals(before.status())) {
                invitations.revoke(scope.tenant(), c, id, now);
                audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("invitation.revoked", "invitation", id)
                        .before(before.auditState()).after(Map.of("status", "revoked")));
            }
            return null;
        });
    }

    /**
     * Accepts the invitation that {@code tokenText} names, for the signed-in {@code user}: the user
     * becomes a member of the invitation's tenant with its role. The tenant comes from the token and
     * is trusted only once the token's secret matched an invitation inside that tenant's scope.
     *
     * @throws ProblemException 404 for a token that matches no invitation; 410 invitation-expired
     *     when it expired, was revoked or was used; 403 when it was sent to another address;
     *     409 when the user is a member already
     */
    /** Who an invitation was sent to, for signing up through it. */
    public record Invitee(TenantId tenant, String tenantName, String email, TenantRole role) {
    }

    /**
     * The person a pending invitation was mailed to: a person without an account signs up with
     * that address. Refuses like {@link #accept} for unknown, used, revoked or expired tokens.
     */
    public Invitee invitee(String tokenText) {
        InvitationToken token = InvitationToken.parse(tokenText).orElseThrow(InvitationService::unknownToken);
        TenantId tenant = token.tenant();
        return transactions.write(tenant, c -> {
            Invitation invitation = pending(c, tenant, token);
            return new Invitee(tenant, tenantName(c, tenant), EmailAddress.normalise(invitation.email()),
                    TenantRole.fromWire(invitation.role()));
        });
    }

    private Invitation pending(Connection c, TenantId tenant, InvitationToken token) throws SQLException {
        Invitation invitation = invitations.lockByTokenHash(tenant, c, token.secretHash(), clock.instant())
                .orElseThrow(InvitationService::unknownToken);
        if (!Invitation.PENDING.equals(invitation.status())) {
            throw new ProblemException(ProblemType.INVITATION_EXPIRED, "This invitation " + switch (invitation.status()) {
                case "accepted" -> "was accepted already";
                case "revoked" -> "was revoked";
                default -> "has expired";
            } + " and can no longer be used. Ask a member of the tenant to invite you again.");
        }
        return invitation;
    }

    public Membership accept(Caller.User user, String tokenText) {
        InvitationToken token = InvitationToken.parse(tokenText).orElseThrow(InvitationService::unknownToken);
        TenantId tenant = token.tenant();
        return transactions.write(tenant, c -> {
            Instant now = clock.instant();
            Invitation invitation = pending(c, tenant, token);
            if (directory.tenant(tenant, c).map(TenantDirectory.TenantInfo::suspended).orElse(false)) {
                throw new ProblemException(ProblemType.TENANT_SUSPENDED,
                        "This tenant is suspended; invitations to it cannot be accepted until it is resumed.");
            }
            String email = directory.userEmail(c, user.userId()).map(EmailAddress::normalise).orElseThrow(() -> new ProblemException(
                    ProblemType.UNAUTHORIZED, "Your account no longer exists; sign in again."));
            if (!email.equals(EmailAddress.normalise(invitation.email()))) {
                throw new ProblemException(ProblemType.FORBIDDEN, "This invitation was sent to another e-mail address."
                        + " Sign in as the invited user to accept it.");
            }
            TenantRole role = TenantRole.fromWire(invitation.role());
            if (!memberships.insert(tenant, c, user.userId(), role)) {
                throw new ProblemException(ProblemType.CONFLICT, "You are a member of this tenant already.");
            }
            invitations.markAccepted(tenant, c, invitation.id(), user.userId(), now);
            Member member = memberships.find(tenant, c, user.userId()).orElseThrow();
            Actor actor = new Actor(Actor.Kind.USER, user.userId().toString(), email, null);
            audit.append(c, tenant, actor, AuditLog.Entry.of("invitation.accepted", "invitation", invitation.id())
                    .before(invitation.auditState()).after(Map.of("status", "accepted", "acceptedBy", user.userId().toString())));
            audit.append(c, tenant, actor, AuditLog.Entry.of("member.joined", "member", user.userId())
                    .after(member.auditState()));
            return new Membership(tenant.value(), tenantName(c, tenant), member);
        });
    }

    private void send(Invitation invitation, InvitationToken token, String tenantName, Actor inviter) {
        String link = portalUrl() + "/accept-invitation?token=" + URLEncoder.encode(token.text(), StandardCharsets.UTF_8);
        String by = inviter.label() == null || inviter.label().isBlank() ? "A member" : inviter.label();
        String text = by + " invited you to join " + tenantName + " on Tillbridge as " + article(invitation.role())
                + " " + invitation.role() + ".\n\n"
                + "To accept, open this link and sign in (or create an account) with this e-mail address:\n\n"
                + link + "\n\n"
                + "The invitation expires on " + MAIL_DATE.format(invitation.expiresAt()) + ".\n"
                + "If you did not expect it, you can ignore this mail.\n";
        try {
            mailer.send(new Mail(invitation.email(), "You are invited to join " + tenantName + " on Tillbridge", text));
        } catch (Mailer.MailException e) {
            LOG.warn("Invitation {} could not be mailed: {}", invitation.id(), e.getMessage());
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "The invitation mail could not be sent, so no invitation was created. Try again later.");
        }
    }

    private static String article(String role) {
        return "aeiou".indexOf(role.charAt(0)) >= 0 ? "an" : "a";
    }

    private static UUID inviter(TenantScope scope) {
        Actor.Kind kind = scope.actor().kind();
        return kind == Actor.Kind.USER || kind == Actor.Kind.SUPPORT ? UUID.fromString(scope.actor().id()) : null;
    }

    private String tenantName(Connection c, TenantId tenant) throws SQLException {
        return directory.tenant(tenant, c).map(TenantDirectory.TenantInfo::name).orElse(tenant.toString());
    }

    private static ProblemException unknownToken() {
        return new ProblemException(ProblemType.NOT_FOUND, "No invitation matches this token. Check that the whole link"
                + " was opened, or ask for a new invitation.");
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such invitation.");
    }

    /** Read at each send: the launcher sets the portal's address only once the portal has started. */
    private String portalUrl() {
        return environment.getProperty("tillbridge.portal.url", String.class)
                .filter(url -> !url.isBlank())
                .orElse("http://localhost:8080")
                .replaceAll("/+$", "");
    }
}
