package io.tillbridge.connectlinks;

import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connectlinks.internal.ConnectLinkRows;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionOAuth;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.connections.OAuthAddresses;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Partner connect links (DD-030). A partner key with write access to a tenant {@link #create}s a
 * single-use link ({@value #LINK_MINUTES} minutes; 256 random bits, only the SHA-256 stored) to the
 * portal page {@code connect-link/<token>}. The first member who opens it with the right to add
 * connections holds it ({@link #open}); {@link #approve} starts the connector's OAuth flow through
 * {@link ConnectionOAuth}, and {@link ConnectLinkReturns} sends the browser back to the partner's
 * redirect URL once the vendor answered; {@link #decline} sends it back at once with
 * {@code error=access_denied}. Created, opened, completed and declined are audited in the tenant.
 */
@Singleton
public class ConnectLinks {

    /** How long a link can be opened. */
    public static final int LINK_MINUTES = 15;
    /** Links of one tenant that may be open (neither finished nor expired) at once. */
    static final int MAX_OPEN = 100;
    /** How long an expired link is kept, so that the partner can still read "expired". */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(7);
    private static final int MAX_STATE = 500;

    private final TenantTransactions transactions;
    private final ConnectLinkRows rows;
    private final PartnerRedirects redirects;
    private final ConnectorCatalog catalog;
    private final ConnectionOAuth oauth;
    private final OAuthAddresses addresses;
    private final TenantAccess access;
    private final AuditLog audit;
    private final Clock clock;

    public ConnectLinks(TenantTransactions transactions, ConnectLinkRows rows, PartnerRedirects redirects,
            ConnectorCatalog catalog, ConnectionOAuth oauth, OAuthAddresses addresses, TenantAccess access,
            AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.redirects = redirects;
        this.catalog = catalog;
        this.oauth = oauth;
        this.addresses = addresses;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a link for the scope's tenant. Only a partner key (with write access, which
     * {@code scope} proves) creates links: a member connects in the portal directly.
     *
     * @throws ProblemException 403 for a caller that is not a partner key; 400 validation-failed for
     *     an unknown connector, a redirect URL the partner did not register, a too long state, or
     *     sandbox for a connector without one; 422 when the connector does not connect with OAuth or
     *     the platform has no OAuth application for it; 429 when the tenant has too many open links
     */
    public CreatedConnectLink create(TenantScope scope, Caller caller, ConnectLinkDraft draft) {
        scope.require(Permission.CONFIGURE);
        if (!(caller instanceof Caller.Partner partner) || scope.actor().kind() != Actor.Kind.PARTNER) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Connect links are created with a partner's API key;"
                    + " a member connects a system on the portal's Connections page.");
        }
        InstalledConnector connector = validate(partner.partnerId(), draft);
        Token token = Token.generate();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(LINK_MINUTES));
        UUID id = UUID.randomUUID();
        String state = draft.state() == null || draft.state().isEmpty() ? null : draft.state();
        transactions.write(scope.tenant(), c -> {
            rows.purge(scope.tenant(), c, now.minus(KEPT_AFTER_EXPIRY));
            if (rows.open(scope.tenant(), c, now) >= MAX_OPEN) {
                throw new ProblemException(ProblemType.RATE_LIMITED, "This tenant has " + MAX_OPEN
                        + " connect links waiting; wait " + LINK_MINUTES + " minutes for them to expire.",
                        Duration.ofMinutes(1));
            }
            rows.insert(scope.tenant(), c, id, token.hash(), partner.partnerId(), partner.keyId(), connector.id(),
                    draft.redirectUrl(), state, draft.sandbox(), expiresAt);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("partnerId", partner.partnerId().toString());
            after.put("connectorId", connector.id());
            after.put("redirectUrl", draft.redirectUrl());
            after.put("sandbox", draft.sandbox());
            after.put("expiresAt", expiresAt.toString());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("connect-link.created", "connect-link", id)
                    .after(after));
            return null;
        });
        return new CreatedConnectLink(id, addresses.portal("connect-link/" + token.value()), expiresAt);
    }

    /**
     * A link's status for its partner (a member with read access sees every link of the tenant);
     * 404 for another partner's link.
     */
    public ConnectLink get(TenantScope scope, Caller caller, UUID id) {
        scope.require(Permission.READ);
        ConnectLinkRows.Row row = transactions.read(scope.tenant(), c -> rows.find(scope.tenant(), c, id))
                .filter(r -> !(caller instanceof Caller.Partner p) || p.partnerId().equals(r.partnerId()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such connect link."));
        return new ConnectLink(row.id(), status(row), row.connectorId(), URI.create(row.redirectUrl()), row.sandbox(),
                row.expiresAt(), row.connectionId(), row.createdAt());
    }

    /**
     * What the page of {@code token} shows to the signed-in {@code user}. The first member allowed to
     * add connections who opens it holds it (audited {@code connect-link.opened}); for anyone else it
     * is used.
     */
    public ConnectLinkConsent open(Caller.User user, String token) {
        Held link = hold(user, token);
        if (link.refusal() != null) {
            return ConnectLinkConsent.refused(link.refusal());
        }
        List<String> scopes = link.connector().oauth() == null ? List.of() : link.connector().oauth().scopes();
        return new ConnectLinkConsent(ConnectLinkConsent.Outcome.READY, link.names().partnerName(),
                link.connector().name(), link.names().tenantName(), scopes, link.row().sandbox());
    }

    /**
     * Starts the connector's OAuth flow for the link, as the member who holds it; answers the vendor's
     * authorization page to send the browser to.
     *
     * @throws ProblemException 410 gone when the link cannot be used (any outcome but ready)
     */
    public URI approve(Caller.User user, String token) {
        Held link = usable(user, token);
        String name = link.connector().name() + " (" + link.names().partnerName() + ")";
        return oauth.start(link.scope(), new ConnectionDraft(link.row().connectorId(), name, Map.of(),
                link.row().sandbox()), (c, authorizationId) -> rows.authorizing(link.tenant(), c, link.row().id(),
                        authorizationId)).authorizationUrl();
    }

    /** Declines the link as the member who holds it; answers the partner's redirect with {@code error=access_denied}. */
    public URI decline(Caller.User user, String token) {
        Held link = usable(user, token);
        return transactions.write(link.tenant(), c -> {
            ConnectLinkRows.Row row = rows.lock(link.tenant(), c, link.row().id()).orElseThrow();
            return ConnectLinkReturns.finish(rows, audit, clock, c, link.tenant(), link.scope().actor(), row, null,
                    "access_denied");
        });
    }

    private Held usable(Caller.User user, String token) {
        Held link = hold(user, token);
        if (link.refusal() != null) {
            throw new ProblemException(ProblemType.GONE, "This connect link can no longer be used ("
                    + link.refusal().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ").");
        }
        return link;
    }

    /** A link found by its token and held by {@code user}, or why not. */
    private record Held(TenantId tenant, ConnectLinkRows.Row row, TenantScope scope,
            ConnectLinkConsent.Outcome refusal, InstalledConnector connector, ConnectLinkRows.Names names) {

        static Held refused(ConnectLinkConsent.Outcome outcome) {
            return new Held(null, null, null, outcome, null, null);
        }
    }

    private Held hold(Caller.User user, String token) {
        Optional<ConnectLinkRows.Route> route = Token.hashOf(token)
                .flatMap(hash -> transactions.withoutTenant(c -> rows.route(c, hash)));
        if (route.isEmpty()) {
            return Held.refused(ConnectLinkConsent.Outcome.UNKNOWN);
        }
        TenantId tenant = route.get().tenant();
        TenantScope scope;
        try {
            scope = access.admit(user, tenant);
        } catch (ProblemException e) {
            return Held.refused(ConnectLinkConsent.Outcome.NOT_ALLOWED);
        }
        if (!scope.may(Permission.CONFIGURE)) {
            return Held.refused(ConnectLinkConsent.Outcome.NOT_ALLOWED);
        }
        return transactions.write(tenant, c -> {
            ConnectLinkRows.Row row = rows.lock(tenant, c, route.get().linkId()).orElse(null);
            if (row == null) {
                return Held.refused(ConnectLinkConsent.Outcome.UNKNOWN);
            }
            if (row.status().equals("completed") || row.status().equals("declined")
                    || (row.openedBy() != null && !user.userId().equals(row.openedBy()))) {
                return Held.refused(ConnectLinkConsent.Outcome.USED);
            }
            if (!row.expiresAt().isAfter(clock.instant())) {
                return Held.refused(ConnectLinkConsent.Outcome.EXPIRED);
            }
            ConnectLinkRows.Names names = rows.names(c, tenant, row.partnerId()).orElseThrow();
            if (!names.granted()) {
                return Held.refused(ConnectLinkConsent.Outcome.WITHDRAWN);
            }
            if (row.openedBy() == null) {
                rows.opened(tenant, c, row.id(), user.userId(), clock.instant());
                audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("connect-link.opened", "connect-link", row.id())
                        .after(Map.of("partnerId", row.partnerId().toString(), "connectorId", row.connectorId())));
            }
            InstalledConnector connector = catalog.find(row.connectorId()).orElseThrow().connector();
            return new Held(tenant, row, scope, null, connector, names);
        });
    }

    private String status(ConnectLinkRows.Row row) {
        return switch (row.status()) {
            case "completed", "declined" -> row.status();
            default -> row.expiresAt().isAfter(clock.instant()) || row.status().equals("authorizing")
                    && row.expiresAt().plus(Duration.ofMinutes(ConnectionOAuth.STATE_MINUTES)).isAfter(clock.instant())
                    ? "pending" : "expired";
        };
    }

    private InstalledConnector validate(UUID partnerId, ConnectLinkDraft draft) {
        if (draft.connectorId() == null || draft.connectorId().isBlank()) {
            throw invalid("connectorId", "must not be blank");
        }
        InstalledConnector connector = catalog.find(draft.connectorId()).map(ConnectorCatalog.Entry::connector)
                .orElseThrow(() -> invalid("connectorId", "no such connector on this platform;"
                        + " GET /api/v1/connectors lists them"));
        if (connector.oauth() == null || !connector.oauth().connect()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Connector " + connector.id()
                    + " does not connect with OAuth, so a merchant cannot connect it through a link.",
                    List.of(new Problem.FieldError("connectorId", "does not connect with OAuth")));
        }
        if (draft.sandbox() && !connector.sandbox()) {
            throw invalid("sandbox", "connector " + connector.id() + " has no sandbox");
        }
        if (!draft.sandbox() && addresses.client(connector.id()).isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This platform has no OAuth application for "
                    + connector.id() + " (the operator sets tillbridge.oauth." + connector.id() + ".client-id and"
                    + " .client-secret); create a sandbox link instead.");
        }
        Optional<String> bad = PartnerRedirects.problem(draft.redirectUrl());
        if (bad.isPresent()) {
            throw invalid("redirectUrl", bad.get());
        }
        if (!redirects.registered(partnerId, draft.redirectUrl())) {
            throw invalid("redirectUrl", "is not one of this partner's registered redirect URLs (exact match);"
                    + " its owner registers them with PUT /api/v1/partners/{partnerId}/redirect-urls");
        }
        if (draft.state() != null && draft.state().length() > MAX_STATE) {
            throw invalid("state", "at most " + MAX_STATE + " characters");
        }
        return connector;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
