package io.tillbridge.outbound;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.events.EventTypes;
import io.tillbridge.outbound.internal.DeliveryRows;
import io.tillbridge.outbound.internal.SecretRows;
import io.tillbridge.outbound.internal.SubscriptionRows;
import io.tillbridge.paging.Cursor;
import io.tillbridge.paging.Page;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's outbound webhook subscriptions (DD-033): URL, event types, signing secret (sealed in
 * the vault, shown once), rotation with overlap, the delivery log, replays and test events. Changes
 * need CONFIGURE and are audited in their transaction; reads need READ.
 */
@Singleton
public class WebhookSubscriptions {

    /** Subscriptions per tenant. */
    public static final int MAX_SUBSCRIPTIONS = 25;
    public static final int MAX_DESCRIPTION = 500;
    /** Deliveries one "replay all failed" re-queues at most. */
    public static final int MAX_REPLAY = 1000;
    /** The type of the event "send a test event" sends (not in the tenant's event log). */
    public static final String TEST_EVENT_TYPE = "webhook.test";

    private final TenantTransactions transactions;
    private final SecretVault vault;
    private final SubscriptionUrls urls;
    private final AuditLog audit;
    private final OutboundSettings settings;
    private final Clock clock;

    public WebhookSubscriptions(TenantTransactions transactions, SecretVault vault, SubscriptionUrls urls,
            AuditLog audit, OutboundSettings settings, Clock clock) {
        this.transactions = transactions;
        this.vault = vault;
        this.urls = urls;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    public List<WebhookSubscription> list(TenantScope scope) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> SubscriptionRows.list(c, MAX_SUBSCRIPTIONS));
    }

    public WebhookSubscription get(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> SubscriptionRows.find(c, id, false))
                .orElseThrow(WebhookSubscriptions::notFound);
    }

    /** Creates a subscription with a new signing secret, answered only now. */
    public SubscriptionSecret create(TenantScope scope, SubscriptionDraft draft) {
        scope.require(Permission.CONFIGURE);
        SubscriptionDraft checked = check(draft);
        String secret = StandardWebhooks.newSecret();
        return transactions.write(scope.tenant(), c -> {
            if (SubscriptionRows.count(c) >= MAX_SUBSCRIPTIONS) {
                throw new ProblemException(ProblemType.CONFLICT, "A tenant has at most " + MAX_SUBSCRIPTIONS
                        + " webhook subscriptions; delete one first.");
            }
            Instant now = clock.instant();
            WebhookSubscription created = SubscriptionRows.insert(c, scope.tenant().value(), UUID.randomUUID(), checked, now);
            storeSecret(c, scope.tenant(), created.id(), secret, now);
            SubscriptionRows.subscribed(c, scope.tenant().value());
            record(c, scope, "webhook-subscription.created", created.id(), null, created.auditState());
            return new SubscriptionSecret(created, secret, null);
        });
    }

    /** Replaces URL, types, description and enabled; 412 unless it is still at {@code expectedVersion}. */
    public WebhookSubscription update(TenantScope scope, UUID id, int expectedVersion, SubscriptionDraft draft) {
        scope.require(Permission.CONFIGURE);
        SubscriptionDraft checked = check(draft);
        return transactions.write(scope.tenant(), c -> {
            WebhookSubscription before = SubscriptionRows.find(c, id, true).orElseThrow(WebhookSubscriptions::notFound);
            Versions.requireCurrent(expectedVersion, before.version());
            WebhookSubscription after = SubscriptionRows.update(c, id, checked, clock.instant());
            record(c, scope, "webhook-subscription.changed", id, before.auditState(), after.auditState());
            return after;
        });
    }

    /** Deletes it with its secrets and delivery log; 412 unless it is still at {@code expectedVersion}. */
    public void delete(TenantScope scope, UUID id, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        transactions.write(scope.tenant(), c -> {
            WebhookSubscription before = SubscriptionRows.find(c, id, true).orElseThrow(WebhookSubscriptions::notFound);
            Versions.requireCurrent(expectedVersion, before.version());
            DeliveryRows.failPending(c, id, "subscription deleted", clock.instant());
            SubscriptionRows.delete(c, id);
            record(c, scope, "webhook-subscription.deleted", id, before.auditState(), null);
            return null;
        });
    }

    /**
     * Gives the subscription a new secret, answered only now. The replaced one keeps signing beside
     * it ({@code tillbridge.webhooks.secret-overlap}, default 24 hours), so that receivers can switch
     * without losing a delivery; one replaced before that is dropped.
     */
    public SubscriptionSecret rotate(TenantScope scope, UUID id) {
        scope.require(Permission.CONFIGURE);
        String secret = StandardWebhooks.newSecret();
        return transactions.write(scope.tenant(), c -> {
            SubscriptionRows.find(c, id, true).orElseThrow(WebhookSubscriptions::notFound);
            Instant now = clock.instant();
            Instant overlapEnds = now.plus(settings.secretOverlap());
            SecretRows.retire(c, id, now, overlapEnds);
            storeSecret(c, scope.tenant(), id, secret, now);
            SubscriptionRows.touch(c, id, now);
            WebhookSubscription after = SubscriptionRows.find(c, id, false).orElseThrow();
            record(c, scope, "webhook-subscription.secret-rotated", id, null, Map.of("previousSecretExpiresAt",
                    overlapEnds.toString()));
            return new SubscriptionSecret(after, secret, overlapEnds);
        });
    }

    /** The subscription's deliveries, newest first, each with its latest attempts. */
    public Page<WebhookDelivery> deliveries(TenantScope scope, UUID id, Optional<String> status,
            Optional<String> cursor, int limit) {
        scope.require(Permission.READ);
        String wanted = status.filter(s -> !s.isBlank()).orElse(null);
        if (wanted != null && !List.of("pending", "delivered", "failed", "cancelled").contains(wanted)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "status is one of pending, delivered, failed, cancelled.");
        }
        Optional<Cursor.TimeAndId> after = Cursor.timeAndId(cursor);
        List<WebhookDelivery> fetched = transactions.read(scope.tenant(), c -> {
            SubscriptionRows.find(c, id, false).orElseThrow(WebhookSubscriptions::notFound);
            return DeliveryRows.list(c, id, wanted, after.map(Cursor.TimeAndId::at).orElse(null),
                    after.map(Cursor.TimeAndId::id).orElse(null), limit + 1);
        });
        return Page.of(fetched, limit, d -> Cursor.of(d.createdAt(), d.id()));
    }

    public WebhookDelivery delivery(TenantScope scope, UUID id, UUID deliveryId) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> DeliveryRows.find(c, id, deliveryId))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such delivery."));
    }

    /** Sends a delivery again with the same event id (webhook-id) and a fresh retry schedule. */
    public WebhookDelivery replay(TenantScope scope, UUID id, UUID deliveryId) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            WebhookSubscription subscription = enabled(c, id);
            DeliveryRows.find(c, id, deliveryId)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such delivery."));
            if (!DeliveryRows.replay(c, scope.tenant().value(), deliveryId, subscription.id(), clock.instant())) {
                throw new ProblemException(ProblemType.CONFLICT, "The delivery is still being sent.");
            }
            record(c, scope, "webhook-delivery.replayed", deliveryId, null, Map.of("subscriptionId", id.toString()));
            return DeliveryRows.find(c, id, deliveryId).orElseThrow();
        });
    }

    /** Re-queues every failed delivery of the subscription (at most {@value #MAX_REPLAY}); answers how many. */
    public int replayFailed(TenantScope scope, UUID id) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            enabled(c, id);
            int replayed = DeliveryRows.replayFailed(c, scope.tenant().value(), id, clock.instant(), MAX_REPLAY);
            record(c, scope, "webhook-delivery.failed-replayed", id, null, Map.of("deliveries", replayed));
            return replayed;
        });
    }

    /** Queues a {@value #TEST_EVENT_TYPE} event to the subscription alone; answers its delivery. */
    public WebhookDelivery sendTest(TenantScope scope, UUID id) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            enabled(c, id);
            Instant now = clock.instant();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subscriptionId", id.toString());
            data.put("message", "A test event from Tillbridge: this endpoint receives and verifies webhooks.");
            UUID delivery = DeliveryRows.insertTest(c, scope.tenant().value(), id, UUID.randomUUID(), TEST_EVENT_TYPE,
                    RecordJson.write(data), now);
            record(c, scope, "webhook-subscription.test-sent", id, null, Map.of("deliveryId", delivery.toString()));
            return DeliveryRows.find(c, id, delivery).orElseThrow();
        });
    }

    /** The secrets that sign at {@code now}, current first, opened from the vault. */
    List<String> signingSecrets(Connection c, TenantId tenant, UUID subscription, Instant now) throws SQLException {
        List<String> out = new ArrayList<>();
        for (SecretRows.Row row : SecretRows.signing(c, subscription, now)) {
            out.add(vault.open(tenant, row.id(), SecretRows.FIELD, row.sealed()).reveal());
        }
        return out;
    }

    private void storeSecret(Connection c, TenantId tenant, UUID subscription, String secret, Instant now)
            throws SQLException {
        UUID secretId = UUID.randomUUID();
        SecretRows.insert(c, tenant.value(), secretId, subscription,
                vault.seal(tenant, secretId, SecretRows.FIELD, Secret.of(secret)), now);
    }

    private static WebhookSubscription enabled(Connection c, UUID id) throws SQLException {
        WebhookSubscription subscription = SubscriptionRows.find(c, id, true).orElseThrow(WebhookSubscriptions::notFound);
        if (!subscription.enabled()) {
            throw new ProblemException(ProblemType.CONFLICT, "The subscription is disabled; enable it first.");
        }
        return subscription;
    }

    private SubscriptionDraft check(SubscriptionDraft draft) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String url = draft.url() == null ? null : draft.url().trim();
        String urlProblem = urls.problem(url);
        if (urlProblem != null) {
            errors.add(new Problem.FieldError("url", urlProblem));
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : draft.eventTypes()) {
            if (!EventTypes.ALL.contains(type)) {
                errors.add(new Problem.FieldError("eventTypes", "Unknown event type '" + abbreviate(type)
                        + "'; the types are " + String.join(", ", EventTypes.ALL) + "."));
                break;
            }
            types.add(type);
        }
        if (draft.eventTypes().isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "Choose at least one event type."));
        }
        if (draft.description().length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "At most " + MAX_DESCRIPTION + " characters."));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.get(0).message(), errors);
        }
        return new SubscriptionDraft(url, List.copyOf(types), draft.description().strip(), draft.enabled());
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private void record(Connection c, TenantScope scope, String action, UUID id, Map<String, ?> before,
            Map<String, ?> after) throws SQLException {
        audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of(action, "webhook-subscription", id)
                .before(before).after(after));
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such webhook subscription.");
    }
}
