package io.tillbridge.alerts;

import io.tillbridge.outbound.StandardWebhooks;
import io.micronaut.context.env.Environment;
import io.tillbridge.alerts.internal.AlertSecretStore;
import io.tillbridge.alerts.internal.ChannelRows;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connector.egress.EgressHttpClients;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.mail.Mail;
import io.tillbridge.mail.Mailer;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.users.AccountMail;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alert notifications on the tenant's channels. Notifications are written as pending
 * deliveries in the transaction of the alert's change ({@link #enqueue}) and sent afterwards
 * ({@link #deliverDue}): email through the {@link Mailer}, a chat webhook as
 * {@code {"text": ..., "link": ...}}, an outbound webhook as the alert's JSON signed in the
 * Standard Webhooks style. HTTP goes through the platform's egress policy. A failed send is tried
 * again after 1, 5 and 25 minutes ({@value #MAX_ATTEMPTS} attempts), then marked failed.
 */
@Singleton
public class AlertNotifier {

    /** Attempts per delivery. */
    public static final int MAX_ATTEMPTS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int BATCH = 20;

    private final TenantTransactions transactions;
    private final Mailer mailer;
    private final PlatformEgress egress;
    private final SecretVault vault;
    private final Environment environment;

    public AlertNotifier(TenantTransactions transactions, Mailer mailer, PlatformEgress egress, SecretVault vault,
            Environment environment) {
        this.transactions = transactions;
        this.mailer = mailer;
        this.egress = egress;
        this.vault = vault;
        this.environment = environment;
    }

    /** The data of an {@code alert.opened} or {@code alert.resolved} event. */
    Map<String, Object> eventData(Alert alert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alertId", alert.id().toString());
        data.put("ruleId", alert.ruleId().toString());
        data.put("integrationId", alert.integrationId().toString());
        data.put("kind", alert.kind());
        data.put("subject", alert.subject());
        data.put("title", alert.title());
        data.put("message", alert.message());
        data.put("status", alert.status());
        data.put("apiPath", alert.apiPath());
        data.put("link", link(alert));
        data.put("openedAt", alert.openedAt().toString());
        data.put("resolvedAt", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
        return data;
    }

    /**
     * The portal address of the page the alert concerns: {@code tillbridge.portal.url} (read at use,
     * because the launcher sets it once the portal listens) plus the page's path.
     */
    String link(Alert alert) {
        String portal = environment.getProperty(AccountMail.PORTAL_URL, String.class).filter(s -> !s.isBlank())
                .orElse(AccountMail.DEFAULT_PORTAL_URL);
        return (portal.endsWith("/") ? portal.substring(0, portal.length() - 1) : portal) + "/" + alert.portalPath();
    }

    /** Writes one pending delivery of {@code kind} per channel of {@code rule}, in the caller's transaction. */
    void enqueue(Connection c, TenantId tenant, AlertRule rule, Alert alert, String kind, Instant now)
            throws SQLException {
        String payload = payload(alert, kind);
        for (AlertChannel channel : ChannelRows.channels(c)) {
            if (rule.channelIds() == null || rule.channelIds().contains(channel.id())) {
                ChannelRows.enqueue(c, tenant.value(), channel.id(), alert.id(), kind, payload, now);
            }
        }
    }

    String payload(Alert alert, String kind) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "alert." + kind);
        payload.put("subject", lead(kind) + ": " + alert.title());
        payload.put("text", text(alert, kind));
        payload.put("link", link(alert));
        payload.put("alert", eventData(alert));
        return RecordJson.write(payload);
    }

    static String text(Alert alert, String kind) {
        return lead(kind) + ": " + alert.title() + ". " + alert.message();
    }

    private static String lead(String kind) {
        return switch (kind) {
            case "opened" -> "Alert";
            case "renotified" -> "Still open";
            case "resolved" -> "Resolved";
            default -> "Test";
        };
    }

    /** Sends the tenant's deliveries due at {@code now}, batch by batch. */
    public void deliverDue(TenantId tenant, Instant now) {
        List<ChannelRows.Due> due;
        do {
            due = transactions.write(tenant, c -> ChannelRows.claim(c, now, now.plus(LEASE), null, BATCH));
            for (ChannelRows.Due d : due) {
                deliver(tenant, d, now);
            }
        } while (due.size() == BATCH);
    }

    /** Sends one claimed delivery now, whether due or not; answers it as recorded. */
    Delivery deliverNow(TenantId tenant, UUID deliveryId, Instant now) {
        List<ChannelRows.Due> due = transactions.write(tenant, c -> ChannelRows.claim(c, now, now.plus(LEASE), deliveryId, 1));
        due.forEach(d -> deliver(tenant, d, now));
        return transactions.read(tenant, c -> ChannelRows.delivery(c, deliveryId)).orElseThrow();
    }

    private void deliver(TenantId tenant, ChannelRows.Due d, Instant now) {
        Attempt attempt;
        try {
            attempt = switch (d.channelKind()) {
                case "email" -> email(d);
                case "chat" -> post(d, chatBody(d.payload()), null, null);
                case "webhook" -> webhook(tenant, d);
                default -> new Attempt(null, "unknown channel kind " + d.channelKind());
            };
        } catch (RuntimeException e) {
            LOG.warn("Sending alert delivery {} failed", d.id(), e);
            attempt = new Attempt(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        Attempt outcome = attempt;
        int attempts = d.attempts() + 1;
        String status = outcome.ok() ? "sent" : attempts >= MAX_ATTEMPTS ? "failed" : "pending";
        Instant retryAt = "pending".equals(status) ? now.plus(backoff(attempts)) : null;
        transactions.write(tenant, c -> {
            ChannelRows.attempted(c, d.id(), status, outcome.statusCode(), outcome.error(), now, retryAt);
            return null;
        });
    }

    /** The wait before attempt {@code attempts + 1}: 1, 5, 25 minutes. */
    static Duration backoff(int attempts) {
        return Duration.ofMinutes((long) Math.pow(5, attempts - 1));
    }

    private Attempt email(ChannelRows.Due d) {
        Map<String, Object> payload = RecordJson.readMap(d.payload());
        String subject = "[Tillbridge] " + payload.get("subject");
        String text = payload.get("text") + "\n\nOpen it in the portal: " + payload.get("link") + "\n";
        for (String to : d.addresses()) {
            mailer.send(new Mail(to, subject.length() > 200 ? subject.substring(0, 200) : subject, text));
        }
        return new Attempt(null, null);
    }

    private static String chatBody(String payload) {
        Map<String, Object> p = RecordJson.readMap(payload);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", p.get("text") + " " + p.get("link"));
        body.put("link", p.get("link"));
        return RecordJson.write(body);
    }

    private Attempt webhook(TenantId tenant, ChannelRows.Due d) {
        String secret = vault.open(tenant, d.channelId(), AlertSecretStore.FIELD, d.secret()).reveal();
        String id = "msg_" + d.id();
        long timestamp = Instant.now().getEpochSecond();
        return post(d, d.payload(), id, new String[] {Long.toString(timestamp),
                StandardWebhooks.signatureHeader(java.util.List.of(secret), id, timestamp, d.payload())});
    }

    private Attempt post(ChannelRows.Due d, String body, String id, String[] signed) {
        HttpPost post = new HttpPost(d.url());
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        post.setHeader("User-Agent", "Tillbridge-Alerts");
        if (id != null) {
            post.setHeader("webhook-id", id);
            post.setHeader("webhook-timestamp", signed[0]);
            post.setHeader("webhook-signature", signed[1]);
        }
        try (CloseableHttpClient client = EgressHttpClients.create(egress.policy(), CONNECT_TIMEOUT, READ_TIMEOUT)) {
            ScheduledFuture<?> deadline = EgressHttpClients.abortAfter(post::cancel, CONNECT_TIMEOUT.plus(READ_TIMEOUT));
            try (CloseableHttpResponse response = client.execute(post)) {
                int code = response.getCode();
                return code >= 200 && code < 300 ? new Attempt(code, null)
                        : new Attempt(code, "the receiver answered " + code);
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            ConnectorException refusal = EgressHttpClients.refusal(e);
            return new Attempt(null, refusal != null ? refusal.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private record Attempt(Integer statusCode, String error) {
        boolean ok() {
            return error == null;
        }
    }
}
