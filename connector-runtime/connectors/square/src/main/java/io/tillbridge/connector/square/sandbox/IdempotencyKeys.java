package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Square's {@code idempotency_key} (in the request body): the same key with the same request gives
 * the original answer again without doing anything twice; the same key with another request is
 * 400 {@code IDEMPOTENCY_KEY_REUSED}. Keys are kept for the sandbox's lifetime (Square does not
 * document how long it keeps them).
 */
final class IdempotencyKeys {

    private record Seen(String fingerprint, JsonNode response) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** Runs {@code action} once per key and request; callers hold the data's lock. */
    JsonNode once(String scope, String key, String fingerprint, Supplier<JsonNode> action) {
        Seen before = seen.get(scope + " " + key);
        if (before != null) {
            if (!before.fingerprint().equals(fingerprint)) {
                throw SquareApiException.badRequest("IDEMPOTENCY_KEY_REUSED",
                        "The idempotency key was already used for a different request", "idempotency_key");
            }
            return before.response().deepCopy();
        }
        JsonNode response = action.get();
        seen.put(scope + " " + key, new Seen(fingerprint, response.deepCopy()));
        return response;
    }
}
