package io.tillbridge.connector.clover.sandbox;

import io.tillbridge.connector.egress.LoopbackUrls;
import io.tillbridge.connector.egress.LoopbackWebhookPoster;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Clover's webhooks: an app has one URL. Registering it sends a one-off POST of
 * {@code {"verificationCode": "<uuid>"}} (no auth header); the developer pastes the code into
 * Clover's dashboard, which here is {@link CloverSandbox#confirmWebhook(String)} or
 * {@code POST /sandbox/webhooks/verify}. From then on every message carries
 * {@code X-Clover-Auth: <the app's static auth code>} (a shared secret to compare, not an HMAC) and
 * {@code {"appId", "merchants": {"<mId>": [{"objectId": "O:<id>", "type": "CREATE|UPDATE|DELETE",
 * "ts": <ms>}]}}}; prefixes {@code O} order, {@code P} payment, {@code I} item, {@code C} customer,
 * {@code IC} item stock. The sandbox's data only grows, so it reports {@code CREATE} and
 * {@code UPDATE}, never {@code DELETE}. One message carries every change since the previous one. Nothing is
 * retried, and a share of messages can be dropped on purpose: Clover guarantees no delivery.
 * Deliveries go only to loopback addresses.
 */
final class WebhookDispatcher implements AutoCloseable {

    private final CloverSandboxOptions options;
    private final Random drops;
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final LoopbackWebhookPoster poster = new LoopbackWebhookPoster("clover-sandbox-webhooks",
            HttpClient.Version.HTTP_1_1, Duration.ofSeconds(2), Duration.ofSeconds(10));
    private String url;
    private String verificationCode;
    private boolean verified;

    WebhookDispatcher(CloverSandboxOptions options) {
        this.options = options;
        this.drops = new Random(options.seed() ^ 0x5EEDL);
    }

    /**
     * Sets the app's URL (loopback only) and sends it a new verification code; the URL is unverified
     * until the code is confirmed.
     */
    synchronized void register(String newUrl) {
        if (!loopback(newUrl)) {
            throw CloverApiException.badRequest("The sandbox delivers webhooks only to loopback addresses");
        }
        url = newUrl;
        verified = false;
        verificationCode = UUID.randomUUID().toString();
        ObjectNode body = CloverJson.object();
        body.put("verificationCode", verificationCode);
        send("verification", url, body, false);
    }

    /** True when {@code code} is the code sent to the URL: the URL is verified from now on. */
    synchronized boolean confirm(String code) {
        if (verificationCode != null && verificationCode.equals(code)) {
            verified = true;
        }
        return verified && verificationCode.equals(code);
    }

    synchronized ObjectNode state() {
        ObjectNode out = CloverJson.object();
        out.put("url", url);
        out.put("verified", verified);
        return out;
    }

    /** One message with these merchants' changes; nothing when there are none or the URL is not verified. */
    synchronized void deliver(Map<String, List<MerchantData.Change>> changes) {
        if (url == null || !verified || changes.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        ObjectNode body = CloverJson.object();
        body.put("appId", options.clientId());
        ObjectNode merchants = body.putObject("merchants");
        changes.forEach((merchantId, list) -> {
            if (!list.isEmpty()) {
                ArrayNode events = merchants.putArray(merchantId);
                for (MerchantData.Change change : list) {
                    ObjectNode event = events.addObject();
                    event.put("objectId", change.objectId());
                    event.put("type", change.type());
                    event.put("ts", change.at().toEpochMilli());
                }
            }
        });
        if (drops.nextDouble() < options.webhookDropRate()) {
            deliveries.add(new WebhookDelivery("event", url, new String(CloverJson.bytes(body),
                    StandardCharsets.UTF_8), -1));
            return;
        }
        send("event", url, body, true);
    }

    List<WebhookDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return poster.awaitIdle(timeout);
    }

    static boolean loopback(String url) {
        return LoopbackUrls.isLoopback(url);
    }

    /** One POST, never retried (Clover guarantees no delivery). */
    private void send(String kind, String to, ObjectNode json, boolean authenticated) {
        byte[] bytes = CloverJson.bytes(json);
        String body = new String(bytes, StandardCharsets.UTF_8);
        poster.post(to, authenticated ? Map.of("X-Clover-Auth", options.webhookAuthCode()) : Map.of(), bytes, 1,
                Duration.ZERO, (attempt, status) -> deliveries.add(new WebhookDelivery(kind, to, body, status)));
    }

    @Override
    public void close() {
        poster.close();
    }
}
