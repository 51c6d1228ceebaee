package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.egress.LoopbackWebhookPoster;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Xero's webhooks (xero-webhooks.yaml; developer.xero.com "Webhooks"): a subscription to a URL is
 * enabled only after its "intent to receive" check, in which Xero sends a body with a wrong
 * signature (the receiver must answer 401) and one with a right signature (200). Deliveries carry
 * {@code x-xero-signature}, the base64 HMAC-SHA256 of the raw body under the webhook key, and the
 * body {@code {events[], firstEventSequence, lastEventSequence, entropy}}. Deliveries reach
 * loopback addresses only ({@link LoopbackWebhookPoster}).
 */
public final class XeroWebhookSender implements AutoCloseable {

    /** One delivery attempt and the receiver's status (0 when unreachable). */
    public record Attempt(String url, String body, String signature, int status) {
    }

    private final XeroSandboxOptions options;
    private final Clock clock;
    private final LoopbackWebhookPoster poster = new LoopbackWebhookPoster("xero-sandbox-webhooks", null,
            Duration.ofSeconds(2), Duration.ofSeconds(5));
    private final List<Attempt> attempts = new ArrayList<>();
    private String url;
    private String key;
    private long sequence;

    XeroWebhookSender(XeroSandboxOptions options) {
        this.options = options;
        this.clock = options.clock();
    }

    /**
     * Runs the intent-to-receive check against {@code url}; the subscription is enabled (true) only
     * when a wrong signature answered 401 and a right one 200.
     */
    boolean subscribe(String target, String webhookKey) {
        String empty = body(List.of());
        int bad = send(target, empty, sign("not-the-key", empty));
        int good = send(target, empty, sign(webhookKey, empty));
        boolean ok = bad == 401 && good == 200;
        synchronized (this) {
            this.url = ok ? target : null;
            this.key = ok ? webhookKey : null;
        }
        return ok;
    }

    /** Delivers one event ({@code INVOICE}, {@code CONTACT}, {@code CREDITNOTE}; {@code CREATE} or {@code UPDATE}). */
    int emit(String category, String type, String resourceId) {
        String target;
        String signingKey;
        ObjectNode event = XeroJson.object();
        synchronized (this) {
            if (url == null) {
                throw new IllegalStateException("no webhook subscription passed its intent-to-receive check");
            }
            target = url;
            signingKey = key;
            event.put("resourceUrl", "https://api.xero.com/api.xro/2.0/" + resource(category) + "/" + resourceId);
            event.put("resourceId", resourceId);
            event.put("eventDateUtc", clock.instant().toString());
            event.put("eventType", type);
            event.put("eventCategory", category);
            event.put("tenantId", options.tenantId());
            event.put("tenantType", "ORGANISATION");
        }
        String body = body(List.of(event));
        return send(target, body, sign(signingKey, body));
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private synchronized String body(List<ObjectNode> events) {
        ObjectNode body = XeroJson.object();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        long first = sequence + 1;
        sequence += Math.max(1, events.size());
        body.put("firstEventSequence", events.isEmpty() ? 0 : first);
        body.put("lastEventSequence", events.isEmpty() ? 0 : sequence);
        body.put("entropy", Long.toString(Double.doubleToLongBits(Math.random()), 36).toUpperCase());
        return body.toString();
    }

    private int send(String target, String body, String signature) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        poster.post(target, Map.of("x-xero-signature", signature), body.getBytes(StandardCharsets.UTF_8), 1,
                Duration.ZERO, (attempt, code) -> status.complete(code));
        int code;
        try {
            code = status.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 0;
        } catch (ExecutionException | TimeoutException e) {
            code = 0;
        }
        synchronized (this) {
            attempts.add(new Attempt(target, body, signature, code));
        }
        return code;
    }

    /** base64(HMAC-SHA256(key, raw body)). */
    static String sign(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String category) {
        return switch (category) {
            case "CONTACT" -> "Contacts";
            case "CREDITNOTE" -> "CreditNotes";
            default -> "Invoices";
        };
    }

    @Override
    public void close() {
        poster.close();
    }
}
