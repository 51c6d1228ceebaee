package io.tillbridge.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connector.egress.EgressHttpClients;
import io.tillbridge.mail.Mail;
import io.tillbridge.mail.Mailer;
import io.tillbridge.outbound.internal.DeliveryQueue;
import io.tillbridge.outbound.internal.DeliveryRows;
import io.tillbridge.outbound.internal.SubscriptionRows;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries (DD-033): claims them across tenants from {@code webhook_queue} (at most one
 * in flight per subscription), posts each in the Standard Webhooks form with its stable event id,
 * and records the attempt in the tenant's transaction: delivered on a 2xx answer; otherwise (another
 * status, a timeout, a connection error, a refusal by the egress policy) retried after the next step
 * of {@code tillbridge.webhooks.retry-schedule} with jitter, and failed for good once the schedule is
 * spent. A subscription whose attempts have all failed for {@code disable-after} and at least
 * {@code disable-min-failures} times in a row is disabled, its pending deliveries failed, and the
 * tenant's owners and admins are told by mail.
 */
@Singleton
public class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantTransactions transactions;
    private final WebhookSubscriptions subscriptions;
    private final OutboundSettings settings;
    private final PlatformEgress egress;
    private final Mailer mailer;
    private final Clock clock;
    private final String owner = "webhook-sender-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile CloseableHttpClient client;

    public WebhookSender(TenantTransactions transactions, WebhookSubscriptions subscriptions, OutboundSettings settings,
            PlatformEgress egress, Mailer mailer, Clock clock) {
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.egress = egress;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** A delivery claimed for sending. */
    public record Claim(UUID deliveryId, TenantId tenant, UUID subscriptionId) {
    }

    /**
     * Claims up to {@code max} due deliveries, leased to this sender: tenants in turn, at most
     * {@code max-in-flight-per-tenant} of a tenant and one of a subscription in flight.
     */
    public List<Claim> claim(int max) {
        Instant now = clock.instant();
        return transactions.withoutTenant(c -> DeliveryQueue.claim(c, owner, now, now.plus(settings.lease()), max,
                settings.maxInFlightPerTenant()))
                .stream().map(q -> new Claim(q.deliveryId(), new TenantId(q.tenant()), q.subscriptionId())).toList();
    }

    /** Claims and sends what is due, on the calling thread, until nothing is due; answers how many attempts it made. */
    public int sendDue() {
        int sent = 0;
        for (List<Claim> claims = claim(settings.threads()); !claims.isEmpty(); claims = claim(settings.threads())) {
            for (Claim claim : claims) {
                send(claim);
                sent++;
            }
        }
        return sent;
    }

    /** Makes one attempt of a claimed delivery and records it. */
    public void send(Claim claim) {
        try {
            Optional<Prepared> prepared = transactions.write(claim.tenant(), c -> prepare(c, claim));
            if (prepared.isEmpty()) {
                return;
            }
            Prepared p = prepared.get();
            long timestamp = clock.instant().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", p.delivery().eventId().toString());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", StandardWebhooks.signatureHeader(p.secrets(),
                    p.delivery().eventId().toString(), timestamp, p.body()));
            Instant attemptedAt = clock.instant();
            WebhookPost.Answer answer = WebhookPost.send(http(), p.url(), headers, p.body(),
                    settings.responseExcerptBytes(), settings.connectTimeout().plus(settings.readTimeout()));
            Notice notice = transactions.write(claim.tenant(), c -> record(c, claim, p.delivery(), attemptedAt, answer));
            if (notice != null) {
                notify(notice);
            }
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery {} of tenant {}: the attempt could not be recorded ({}); it is sent again"
                    + " once its lease expires", claim.deliveryId(), claim.tenant(), e.getMessage());
        }
    }

    private record Prepared(DeliveryRows.Outgoing delivery, String url, List<String> secrets, String body) {
    }

    private record Notice(TenantId tenant, WebhookSubscription subscription, List<String> to) {
    }

    private Optional<Prepared> prepare(Connection c, Claim claim) throws SQLException {
        Optional<DeliveryRows.Outgoing> delivery = DeliveryRows.outgoing(c, claim.deliveryId(), false);
        if (delivery.isEmpty() || !"pending".equals(delivery.get().status())) {
            DeliveryQueue.drop(c, claim.deliveryId());
            return Optional.empty();
        }
        Optional<WebhookSubscription> subscription = SubscriptionRows.find(c,
                claim.subscriptionId(), false);
        if (subscription.isEmpty() || !subscription.get().enabled()) {
            DeliveryRows.failed(c, claim.deliveryId(), "the subscription is disabled", clock.instant(), false);
            return Optional.empty();
        }
        List<String> secrets = subscriptions.signingSecrets(c, claim.tenant(), claim.subscriptionId(), clock.instant());
        return Optional.of(new Prepared(delivery.get(), subscription.get().url(), secrets, body(delivery.get())));
    }

    /** The body: {@code {"type":..., "timestamp":..., "data":{...}}}, the same bytes on every attempt. */
    static String body(DeliveryRows.Outgoing delivery) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", delivery.eventType());
        body.put("timestamp", delivery.occurredAt().toString());
        try {
            body.set("data", JSON.readTree(delivery.payload()));
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Notice record(Connection c, Claim claim, DeliveryRows.Outgoing delivery, Instant attemptedAt,
            WebhookPost.Answer answer) throws SQLException {
        Optional<DeliveryRows.Outgoing> current = DeliveryRows.outgoing(c, delivery.id(), true);
        if (current.isEmpty()) {
            DeliveryQueue.drop(c, delivery.id());
            return null;
        }
        int attempt = current.get().attempts() + 1;
        UUID tenant = claim.tenant().value();
        DeliveryRows.attempt(c, tenant, delivery.id(), attempt, attemptedAt, answer.status(),
                answer.error() == null ? null : WebhookPost.bounded(answer.error(), 1000), answer.durationMs(),
                answer.excerpt());
        Instant now = clock.instant();
        if (answer.delivered()) {
            DeliveryRows.delivered(c, delivery.id(), now);
            SubscriptionRows.succeeded(c, claim.subscriptionId());
            return null;
        }
        String failure = WebhookPost.bounded(answer.failure(), 1000);
        int round = current.get().roundAttempts();
        List<Duration> schedule = settings.retrySchedule();
        if (round < schedule.size()) {
            DeliveryRows.retryAt(c, delivery.id(), failure, now.plus(jittered(schedule.get(round))));
        } else {
            DeliveryRows.failed(c, delivery.id(), failure + " (gave up after " + (round + 1) + " attempts)", now, true);
        }
        SubscriptionRows.Streak streak = SubscriptionRows.failed(c, claim.subscriptionId(), now);
        if (streak.consecutiveFailures() >= settings.disableMinFailures() && streak.failingSince() != null
                && !streak.failingSince().plus(settings.disableAfter()).isAfter(now)) {
            String reason = "Disabled on " + now + " after " + streak.consecutiveFailures()
                    + " failed attempts in a row since " + streak.failingSince() + "; the last: " + failure;
            if (SubscriptionRows.disable(c, claim.subscriptionId(), WebhookPost.bounded(reason, 1000), now)) {
                DeliveryRows.failPending(c, claim.subscriptionId(), "the subscription was disabled", now);
                WebhookSubscription disabled = SubscriptionRows.find(c, claim.subscriptionId(), false).orElseThrow();
                return new Notice(claim.tenant(), disabled, SubscriptionRows.adminAddresses(c, tenant));
            }
        }
        return null;
    }

    private Duration jittered(Duration step) {
        double factor = 1 + settings.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.round(step.toMillis() * factor));
    }

    private void notify(Notice notice) {
        WebhookSubscription s = notice.subscription();
        String text = "Tillbridge stopped sending events to the webhook " + s.url()
                + (s.description().isBlank() ? "" : " (" + s.description() + ")") + ".\n\n" + s.disabledReason()
                + "\n\nFix the endpoint, then enable the subscription again on the Webhooks page of the portal;"
                + " the deliveries that failed can be replayed from its delivery log.\n";
        for (String to : notice.to()) {
            try {
                mailer.send(new Mail(to, "Webhook disabled: " + WebhookPost.bounded(s.url(), 80), text));
            } catch (RuntimeException e) {
                LOG.warn("Could not tell {} that webhook subscription {} of tenant {} was disabled: {}", to, s.id(),
                        notice.tenant(), e.getMessage());
            }
        }
        LOG.info("Webhook subscription {} of tenant {} disabled: {}", s.id(), notice.tenant(), s.disabledReason());
    }

    private CloseableHttpClient http() {
        CloseableHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = EgressHttpClients.create(egress.policy(), settings.connectTimeout(), settings.readTimeout());
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        CloseableHttpClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("Closing the webhook client: {}", e.getMessage());
            }
        }
    }
}
