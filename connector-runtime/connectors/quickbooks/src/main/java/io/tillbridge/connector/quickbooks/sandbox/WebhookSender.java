package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.egress.LoopbackUrls;
import io.tillbridge.connector.egress.LoopbackWebhookPoster;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Intuit's webhooks in the legacy payload (vendor-apis.md): {@code {"eventNotifications":[{"realmId",
 * "dataChangeEvent":{"entities":[{"name","id","operation","lastUpdated"}]}}]}}, signed in the
 * {@code intuit-signature} header with base64(HMAC-SHA256(verifier token, raw body)). One POST per
 * created or updated document, to the one registered URL (loopback only), retried twice when not
 * answered 2xx (Intuit's retry schedule is UNVERIFIED).
 */
final class WebhookSender implements AutoCloseable {

    private final String verifierToken;
    private final LoopbackWebhookPoster poster = new LoopbackWebhookPoster("quickbooks-sandbox-webhooks",
            HttpClient.Version.HTTP_1_1, Duration.ofSeconds(2), Duration.ofSeconds(10));
    private final List<SentWebhook> deliveries = new CopyOnWriteArrayList<>();
    private volatile String url;

    WebhookSender(String verifierToken) {
        this.verifierToken = verifierToken;
    }

    void register(String newUrl) {
        if (!LoopbackUrls.isLoopback(newUrl)) {
            throw new IllegalArgumentException("the sandbox delivers webhooks only to loopback addresses: " + newUrl);
        }
        url = newUrl;
    }

    void changed(String realmId, String entity, String id, String operation, Instant at) {
        String to = url;
        if (to == null) {
            return;
        }
        ObjectNode root = QuickBooksJson.object();
        ObjectNode notification = root.putArray("eventNotifications").addObject();
        notification.put("realmId", realmId);
        ObjectNode entityNode = notification.putObject("dataChangeEvent").putArray("entities").addObject();
        entityNode.put("name", entity);
        entityNode.put("id", id);
        entityNode.put("operation", operation);
        entityNode.put("lastUpdated", QuickBooksJson.time(at));
        byte[] body = QuickBooksJson.bytes(root);
        String signature = sign(verifierToken, body);
        String text = new String(body, StandardCharsets.UTF_8);
        poster.post(to, Map.of("intuit-signature", signature), body, 3, Duration.ofMillis(200),
                (attempt, status) -> deliveries.add(new SentWebhook(to, text, signature, status)));
    }

    /** base64(HMAC-SHA256(key, body)). */
    static String sign(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    List<SentWebhook> deliveries() {
        return new ArrayList<>(deliveries);
    }

    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return poster.awaitIdle(timeout);
    }

    @Override
    public void close() {
        poster.close();
    }
}
