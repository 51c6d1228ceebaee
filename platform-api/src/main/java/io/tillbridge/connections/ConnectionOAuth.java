package io.tillbridge.connections;

import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.internal.OAuthStateRows;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting with OAuth2's authorization-code flow (DD-029). {@link #start} keeps a single-use
 * {@code state} (256 random bits; only its SHA-256 is stored) bound to the tenant, the caller, the
 * connector, the connection to create and the redirect, for {@value #STATE_MINUTES} minutes, and
 * answers the vendor's authorization URL. {@link #complete} is the callback's work: the state is
 * the credential; it is consumed in one transaction (row lock, then {@code consumed_at}), before the
 * code is exchanged through the connector with the connection's egress policy, and the grant is
 * stored through {@link ConnectionService} like any connection's secrets. A sandbox connection gets
 * its client and its egress from the tenant's running sandbox; others from the operator's client
 * ({@link OAuthAddresses#client}) and the platform's policy.
 */
@Singleton
public class ConnectionOAuth {

    /** How long a started authorization stays usable. */
    public static final int STATE_MINUTES = 10;
    /** Authorizations of one tenant that may be open (started, neither used nor expired) at once. */
    static final int MAX_OPEN = 50;
    /** How long an expired authorization is kept, so that its late use is answered "expired". */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionOAuth.class);

    private final TenantTransactions transactions;
    private final OAuthStateRows states;
    private final ConnectorConfigs configs;
    private final ConnectorGrants grants;
    private final SandboxConnections sandboxes;
    private final ConnectionService connections;
    private final OAuthAddresses addresses;
    private final PlatformEgress egress;
    private final TenantAccess access;
    private final AuditLog audit;
    private final Clock clock;
    private final List<OAuthFollowUp> followUps;
    private final SecureRandom random = new SecureRandom();

    public ConnectionOAuth(TenantTransactions transactions, OAuthStateRows states, ConnectorConfigs configs,
            ConnectorGrants grants, SandboxConnections sandboxes, ConnectionService connections,
            OAuthAddresses addresses, PlatformEgress egress, TenantAccess access, AuditLog audit, Clock clock,
            List<OAuthFollowUp> followUps) {
        this.transactions = transactions;
        this.states = states;
        this.configs = configs;
        this.grants = grants;
        this.sandboxes = sandboxes;
        this.connections = connections;
        this.addresses = addresses;
        this.egress = egress;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.followUps = List.copyOf(followUps);
    }

    /**
     * Starts connecting: the connection {@code draft} (non-secret config only) is kept with a new
     * state, and the vendor's authorization URL is answered.
     *
     * @throws ProblemException 400 for an unknown connector, a secret or invalid field, or sandbox
     *     for a connector without one; 422 when the connector does not use OAuth or the operator has
     *     configured no OAuth client for it; 429 when the tenant has too many open authorizations
     */
    public OAuthStart start(TenantScope scope, ConnectionDraft draft) {
        return start(scope, draft, (c, id) -> { });
    }

    /**
     * As {@link #start(TenantScope, ConnectionDraft)}, and runs {@code started} with the new
     * authorization's id in the transaction that stores it, so that a feature that started it for
     * its own purpose (an {@link OAuthFollowUp}) records it atomically.
     */
    public OAuthStart start(TenantScope scope, ConnectionDraft draft, OAuthFollowUp.Started started) {
        scope.require(Permission.CONFIGURE);
        ConnectorSpec<?> spec = configs.spec(draft.connectorId());
        List<String> scopes = grants.scopes(spec.id()).orElseThrow(() -> new ProblemException(
                ProblemType.UNPROCESSABLE, "Connector " + spec.id() + " does not connect with OAuth; create the"
                        + " connection with its credentials instead."));
        connections.requireNoSecrets(spec, draft.config(), "secrets come from the vendor's grant");
        Map<String, Object> plain = new LinkedHashMap<>(configs.split(spec, draft.config(), configs.secretFields(spec))
                .plain());
        String clientId;
        if (draft.sandbox()) {
            SandboxConnections.Running sandbox = sandboxes.running(scope.tenant(), spec.id());
            plain.putAll(sandbox.sandbox().connectionConfig());
            clientId = sandbox.sandbox().oauthClientId();
        } else {
            clientId = client(spec.id()).id();
        }
        URI redirect = addresses.callback();
        String state = newState();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofMinutes(STATE_MINUTES));
        URI url = grants.authorizationUrl(spec, plain, clientId, redirect, state);
        UUID id = UUID.randomUUID();
        transactions.write(scope.tenant(), c -> {
            states.purge(scope.tenant(), c, now.minus(KEPT_AFTER_EXPIRY));
            if (states.open(scope.tenant(), c, now) >= MAX_OPEN) {
                throw new ProblemException(ProblemType.RATE_LIMITED, "This tenant has " + MAX_OPEN
                        + " OAuth authorizations in progress; finish one or wait " + STATE_MINUTES
                        + " minutes for them to expire.");
            }
            states.insert(scope.tenant(), c, id, hash(state), scope.actor(), spec.id(), draft.name(), plain,
                    draft.sandbox(), redirect.toString(), expiresAt);
            started.started(c, id);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("connectorId", spec.id());
            after.put("name", draft.name());
            after.put("sandbox", draft.sandbox());
            after.put("expiresAt", expiresAt.toString());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("connection.oauth-started",
                    "oauth-authorization", id).after(after));
            return null;
        });
        LOG.info("OAuth authorization {} started for connector {}{}", id, spec.id(), draft.sandbox() ? " (sandbox)" : "");
        return new OAuthStart(url, expiresAt, scopes, redirect);
    }

    /**
     * The callback: consumes the state, then exchanges the code and creates the connection with the
     * grant. Nothing is stored unless every step succeeds.
     *
     * @param caller the signed-in caller, if the callback request carries a credential: it must be
     *     the one who started the authorization, or the state is answered as unknown (404)
     * @param error the vendor's {@code error} parameter ({@code access_denied} when the merchant declined)
     * @throws ProblemException 400 oauth-state-invalid for a missing, unknown, used or expired state;
     *     404 for another caller's state; 403 oauth-denied when the merchant declined; 422
     *     connector-failed when the vendor refuses the code
     */
    public OAuthConnected complete(Optional<Caller> caller, String state, String code, String error) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw invalidState("The callback carries no state; start connecting again.");
        }
        byte[] hash = hash(state);
        OAuthStateRows.Route route = transactions.withoutTenant(c -> states.route(c, hash))
                .orElseThrow(() -> invalidState("This authorization is unknown; start connecting again."));
        TenantId tenant = route.tenant();
        OAuthStateRows.Row row = transactions.write(tenant, c -> {
            OAuthStateRows.Row found = states.lock(tenant, c, route.stateId())
                    .orElseThrow(() -> invalidState("This authorization is unknown; start connecting again."));
            if (caller.isPresent() && !sameActor(caller.get(), found.actor())) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such authorization.");
            }
            if (found.consumedAt() != null) {
                throw invalidState("This authorization was already used; start connecting again.");
            }
            states.consume(tenant, c, found.id(), clock.instant());
            return found;
        });
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw invalidState("This authorization expired (after " + STATE_MINUTES
                    + " minutes); start connecting again.");
        }
        if (error != null && !error.isBlank()) {
            Optional<URI> back = recordDenied(tenant, row, error);
            throw new OAuthDeclined("access_denied".equals(error)
                    ? "The merchant declined access at " + row.connectorId() + "; nothing was connected."
                    : "The vendor answered " + clip(error) + " instead of a grant; nothing was connected.",
                    back.orElse(null));
        }
        if (code == null || code.isBlank() || code.length() > 2048) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "The callback carries no authorization code.");
        }
        TenantScope scope = scopeOf(tenant, row.actor());
        ConnectorSpec<?> spec = configs.spec(row.connectorId());
        SandboxConnections.Running sandbox = row.sandbox() ? sandboxes.running(tenant, spec.id()) : null;
        OAuthAddresses.Client client = sandbox != null
                ? new OAuthAddresses.Client(sandbox.sandbox().oauthClientId(), sandbox.sandbox().oauthClientSecret())
                : client(spec.id());
        EgressPolicy policy = sandbox != null ? sandbox.egress() : egress.policy();
        Map<String, Object> config = grants.exchange(spec, row.config(), client.id(), client.secret(), code,
                URI.create(row.redirectUri()), policy);
        ConnectionDetail created = connections.createGranted(scope,
                new ConnectionDraft(spec.id(), row.name(), config, row.sandbox()), sandbox);
        Optional<URI> back = transactions.write(tenant, c -> {
            states.connected(tenant, c, row.id(), created.id());
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("connectorId", spec.id());
            after.put("connectionId", created.id().toString());
            after.put("sandbox", row.sandbox());
            audit.append(c, tenant, row.actor(), AuditLog.Entry.of("connection.oauth-granted", "connection",
                    created.id()).after(after));
            for (OAuthFollowUp followUp : followUps) {
                Optional<URI> next = followUp.granted(c, tenant, row.id(), created.id());
                if (next.isPresent()) {
                    return next;
                }
            }
            return Optional.<URI>empty();
        });
        LOG.info("OAuth authorization {} granted: connection {} of connector {}", row.id(), created.id(), spec.id());
        return new OAuthConnected(tenant.value(), created.id(),
                back.orElseGet(() -> addresses.portalContinue(created.id())), row.sandbox());
    }

    /**
     * The scope of the one who started the authorization, as of now: a member must still be one
     * with the right to configure; a partner key or an impersonation acts with what it had at start.
     */
    private TenantScope scopeOf(TenantId tenant, Actor actor) {
        if (actor.kind() == Actor.Kind.USER) {
            return access.admit(new Caller.User(UUID.fromString(actor.id()), actor.label(), Optional.empty()), tenant)
                    .require(Permission.CONFIGURE);
        }
        return new TenantScope(tenant, actor, Set.of(Permission.CONFIGURE), Optional.empty());
    }

    private Optional<URI> recordDenied(TenantId tenant, OAuthStateRows.Row row, String error) {
        return transactions.write(tenant, c -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("connectorId", row.connectorId());
            after.put("error", clip(error));
            audit.append(c, tenant, row.actor(), AuditLog.Entry.of("connection.oauth-denied", "oauth-authorization",
                    row.id()).after(after));
            for (OAuthFollowUp followUp : followUps) {
                Optional<URI> next = followUp.declined(c, tenant, row.id(), clip(error));
                if (next.isPresent()) {
                    return next;
                }
            }
            return Optional.<URI>empty();
        });
    }

    private static boolean sameActor(Caller caller, Actor actor) {
        if (caller instanceof Caller.User user) {
            return actor.kind() == Actor.Kind.USER && actor.id().equals(user.userId().toString());
        }
        if (caller instanceof Caller.Partner partner) {
            return actor.kind() == Actor.Kind.PARTNER && actor.id().equals(partner.keyId().toString());
        }
        Caller.Support support = (Caller.Support) caller;
        return actor.kind() == Actor.Kind.SUPPORT && actor.id().equals(support.supportUserId().toString());
    }

    private OAuthAddresses.Client client(String connectorId) {
        return addresses.client(connectorId).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                "This platform has no OAuth application for " + connectorId + ": the operator sets tillbridge.oauth."
                        + connectorId + ".client-id and .client-secret. Connect to the sandbox, or with credentials."));
    }

    private String newState() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hash(String state) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String text) {
        String t = text.replaceAll("[^A-Za-z0-9_.\\- ]", "");
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    private static ProblemException invalidState(String detail) {
        return new ProblemException(ProblemType.OAUTH_STATE_INVALID, detail);
    }
}
