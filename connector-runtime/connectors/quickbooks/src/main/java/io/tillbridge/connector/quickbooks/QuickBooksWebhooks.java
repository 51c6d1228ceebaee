package io.tillbridge.connector.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Intuit's webhook signature (vendor-apis.md, QuickBooks Online "Webhooks"): the
 * {@code intuit-signature} header is base64(HMAC-SHA256(key = the app's verifier token, message =
 * the raw body)); compared in constant time on the bytes as received. The legacy payload
 * {@code {"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[{"name","id","operation",
 * "lastUpdated"}]}}]}} is read into its changes.
 */
public final class QuickBooksWebhooks {

    /** One change a notification announces. */
    public record Change(String realmId, String entity, String id, String operation, String lastUpdated) {
    }

    private QuickBooksWebhooks() {
    }

    /** Whether {@code signature} is the verifier token's signature of {@code rawBody}. */
    public static boolean verifies(String verifierToken, byte[] rawBody, String signature) {
        if (verifierToken == null || verifierToken.isEmpty() || signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(verifierToken, rawBody), given);
    }

    /**
     * The changes of a delivery whose signature verifies.
     *
     * @throws ConnectorException AUTH when the signature is missing or wrong, CONFIG when the body is not the legacy payload
     */
    public static List<Change> changes(String verifierToken, byte[] rawBody, String signature) {
        if (!verifies(verifierToken, rawBody, signature)) {
            throw new ConnectorException(Category.AUTH, "the intuit-signature of the webhook is missing or wrong");
        }
        JsonNode root;
        try {
            root = QuickBooksApi.JSON.readTree(rawBody);
        } catch (IOException e) {
            throw new ConnectorException(Category.CONFIG, "the webhook body is not JSON");
        }
        if (root == null || !root.path("eventNotifications").isArray()) {
            throw new ConnectorException(Category.CONFIG, "the webhook body has no eventNotifications");
        }
        List<Change> out = new ArrayList<>();
        for (JsonNode notification : root.path("eventNotifications")) {
            for (JsonNode e : notification.path("dataChangeEvent").path("entities")) {
                out.add(new Change(notification.path("realmId").asText(), e.path("name").asText(), e.path("id").asText(),
                        e.path("operation").asText(), e.path("lastUpdated").asText()));
            }
        }
        return out;
    }

    private static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
