package io.tillbridge.connector.square.sandbox;

import io.tillbridge.connector.egress.LoopbackUrls;
import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook subscriptions ({@code POST} and {@code GET /v2/webhooks/subscriptions}) and the delivery
 * of events to them. An event is {@code {merchant_id, type, event_id, created_at, data{type, id,
 * object}}}, POSTed with {@code x-square-hmacsha256-signature} = base64(HMAC-SHA256(key = the
 * subscription's {@code signature_key}, message = {@code notification_url} followed by the raw
 * body)), as Square's SDKs verify it. A delivery that is not answered 2xx is retried (Square retries
 * for hours; the sandbox after {@code webhookRetryDelay}, doubling). The sandbox delivers only to
 * loopback addresses: a subscription to any other host is refused.
 */
final class WebhookDispatcher implements SandboxEvents, AutoCloseable {

    static final Set<String> EVENT_TYPES = Set.of("order.created", "order.updated", "payment.created",
            "payment.updated", "refund.created", "refund.updated", "inventory.count.updated");

    /** Where subscriptions are; {@code <this><id>/signature-key} rotates one's key. */
    static final String SUBSCRIPTIONS_PATH = "/v2/webhooks/subscriptions/";
    static final String SIGNATURE_KEY_SUFFIX = "/signature-key";

    private final SandboxData data;
    private final SquareSandboxOptions options;
    private final SecureRandom random = new SecureRandom();
    private final List<ObjectNode> subscriptions = new CopyOnWriteArrayList<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "square-sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private int inFlight;

    WebhookDispatcher(SandboxData data, SquareSandboxOptions options) {
        this.data = data;
        this.options = options;
    }

    SandboxResponse subscribe(SandboxRequest request) {
        JsonNode wanted = request.bodyObject().path("subscription");
        String url = wanted.path("notification_url").asText("");
        if (url.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "notification_url is required",
                    "subscription.notification_url");
        }
        if (!loopback(url)) {
            throw SquareApiException.badRequest("INVALID_VALUE",
                    "The sandbox delivers webhooks only to loopback addresses", "subscription.notification_url");
        }
        ArrayNode types = SquareJson.array();
        for (JsonNode type : wanted.path("event_types")) {
            if (!EVENT_TYPES.contains(type.asText())) {
                throw SquareApiException.badRequest("INVALID_VALUE", "Unsupported event type " + type.asText(),
                        "subscription.event_types");
            }
            types.add(type.asText());
        }
        if (types.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "event_types is required",
                    "subscription.event_types");
        }
        byte[] key = new byte[16];
        random.nextBytes(key);
        ObjectNode subscription = SquareJson.object();
        subscription.put("id", "wbhk_" + HexFormat.of().formatHex(key, 0, 12));
        subscription.put("name", wanted.path("name").asText("Tillbridge"));
        subscription.put("enabled", wanted.path("enabled").asBoolean(true));
        subscription.set("event_types", types);
        subscription.put("notification_url", url);
        subscription.put("api_version", wanted.path("api_version").asText("2025-08-20"));
        subscription.put("signature_key", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        subscription.put("created_at", time(data.now()));
        subscription.put("updated_at", time(data.now()));
        subscriptions.add(subscription);
        ObjectNode out = SquareJson.object();
        out.set("subscription", subscription.deepCopy());
        return SandboxResponse.ok(out);
    }

    /**
     * UpdateWebhookSubscriptionSignatureKey ({@code POST /v2/webhooks/subscriptions/{id}/signature-key}):
     * a new signature key for the subscription, answered as {@code {signature_key}}; 404 for an unknown id.
     */
    SandboxResponse rotateSignatureKey(SandboxRequest request) {
        String path = request.path();
        String id = path.substring(SUBSCRIPTIONS_PATH.length(), path.length() - SIGNATURE_KEY_SUFFIX.length());
        for (ObjectNode s : subscriptions) {
            if (s.path("id").asText().equals(id)) {
                byte[] key = new byte[16];
                random.nextBytes(key);
                s.put("signature_key", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
                s.put("updated_at", time(data.now()));
                ObjectNode out = SquareJson.object();
                out.put("signature_key", s.path("signature_key").asText());
                return SandboxResponse.ok(out);
            }
        }
        throw SquareApiException.notFound("No webhook subscription " + id);
    }

    /**
     * DeleteWebhookSubscription ({@code DELETE /v2/webhooks/subscriptions/{id}}): no more deliveries
     * to it; answered as {@code {}}; 404 for an unknown id.
     */
    SandboxResponse delete(SandboxRequest request) {
        String id = request.path().substring(SUBSCRIPTIONS_PATH.length());
        for (ObjectNode s : subscriptions) {
            if (s.path("id").asText().equals(id)) {
                subscriptions.remove(s);
                return SandboxResponse.ok(SquareJson.object());
            }
        }
        throw SquareApiException.notFound("No webhook subscription " + id);
    }

    SandboxResponse list(SandboxRequest request) {
        ObjectNode out = SquareJson.object();
        ArrayNode list = out.putArray("subscriptions");
        for (ObjectNode s : subscriptions) {
            ObjectNode copy = s.deepCopy();
            copy.remove("signature_key");
            list.add(copy);
        }
        return SandboxResponse.ok(out);
    }

    @Override
    public void publish(String type, Instant at, String dataType, String id, ObjectNode object) {
        for (ObjectNode s : subscriptions) {
            if (!s.path("enabled").asBoolean() || !s.path("event_types").toString().contains('"' + type + '"')) {
                continue;
            }
            ObjectNode event = SquareJson.object();
            event.put("merchant_id", data.merchantId());
            event.put("type", type);
            event.put("event_id", UUID.randomUUID().toString());
            event.put("created_at", time(at));
            ObjectNode d = event.putObject("data");
            d.put("type", dataType);
            d.put("id", id);
            d.set("object", object.deepCopy());
            String url = s.path("notification_url").asText();
            String body = new String(SquareJson.bytes(event), StandardCharsets.UTF_8);
            String signature = signature(s.path("signature_key").asText(), url, body);
            int copies = options.webhookDuplicates() ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                schedule(new Attempt(event.path("event_id").asText(), type, url, body, signature, 1), Duration.ZERO);
            }
        }
    }

    List<WebhookDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Waits until every scheduled delivery and retry has been made, or {@code timeout} passed. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** base64(HMAC-SHA256(signature key, notification URL + raw body)). */
    static String signature(String signatureKey, String url, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((url + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean loopback(String url) {
        return LoopbackUrls.isLoopback(url);
    }

    private record Attempt(String eventId, String type, String url, String body, String signature, int number) {
    }

    private synchronized void schedule(Attempt attempt, Duration delay) {
        inFlight++;
        sender.schedule(() -> deliver(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(Attempt attempt) {
        int status = 0;
        if (loopback(attempt.url())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("x-square-hmacsha256-signature", attempt.signature())
                    .header("square-environment", "Sandbox")
                    .header("User-Agent", "Square Connect v2")
                    .POST(HttpRequest.BodyPublishers.ofString(attempt.body(), StandardCharsets.UTF_8)).build();
            try {
                status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deliveries.add(new WebhookDelivery(attempt.eventId(), attempt.type(), attempt.url(), attempt.number(),
                status));
        if ((status < 200 || status > 299) && attempt.number() < options.webhookAttempts()) {
            Duration wait = options.webhookRetryDelay().multipliedBy(1L << (attempt.number() - 1));
            schedule(new Attempt(attempt.eventId(), attempt.type(), attempt.url(), attempt.body(),
                    attempt.signature(), attempt.number() + 1), wait);
        }
        synchronized (this) {
            inFlight--;
            notifyAll();
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
