package io.tillbridge.connector.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.time.Duration;
import java.util.List;

/**
 * Creates and updates documents so that none is ever posted twice. Every write carries a
 * {@code requestid} (Intuit replays the first answer to a repeat, vendor-apis.md). When the outcome
 * of a write is unknown (a timeout, a cut connection, a 5xx after the request was sent), the
 * document is first looked up by its {@code DocNumber}: found, it is the write's result; not found,
 * the write is sent again with the same {@code requestid}. A 429 waits 60 seconds (Intuit's advice;
 * it documents no {@code Retry-After}, one is honoured when sent) and sends again. A validation
 * fault is final ({@link QuickBooksApi.Refused}).
 */
final class DocumentWrites {

    /** Intuit: "wait 60 seconds" after a 429 (vendor-apis.md, QuickBooks Online rate limits). */
    static final Duration THROTTLE_WAIT = Duration.ofSeconds(60);

    private final QuickBooksApi api;
    private final Sleeper sleeper;
    private final int retries;
    private final int pageSize;

    DocumentWrites(QuickBooksApi api, Sleeper sleeper, int retries, int pageSize) {
        this.api = api;
        this.sleeper = sleeper;
        this.retries = retries;
        this.pageSize = pageSize;
    }

    /** Creates a document numbered {@code docNumber}; answers it as QuickBooks stored it. */
    JsonNode create(String entity, ObjectNode body, String requestId, String docNumber) {
        return send(entity, body, requestId, () -> {
            List<JsonNode> found = api.byDocNumber(entity, docNumber, pageSize);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Updates a document (its {@code Id} and {@code SyncToken} in the body); answers it as stored. */
    JsonNode update(String entity, ObjectNode body, String requestId) {
        String id = body.path("Id").asText();
        String sent = body.path("SyncToken").asText();
        return send(entity, body, requestId, () -> {
            JsonNode now = api.read(entity, id);
            return now.path("SyncToken").asText().equals(sent) ? null : now;
        });
    }

    private interface Lookup {
        /** The document if the unknown write took effect, else null. */
        JsonNode find();
    }

    private JsonNode send(String entity, ObjectNode body, String requestId, Lookup lookup) {
        for (int attempt = 0; ; attempt++) {
            try {
                return api.save(entity, body, requestId);
            } catch (ConnectorException e) {
                if (e.category() != Category.TRANSIENT || attempt >= retries) {
                    throw e;
                }
                if (e.getMessage() != null && e.getMessage().contains("(HTTP 429)")) {
                    pause(e.retryAfter().orElse(THROTTLE_WAIT));
                    continue;
                }
                // The outcome is unknown: look before sending again.
                JsonNode found = lookup.find();
                if (found != null) {
                    return found;
                }
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Category.TRANSIENT, "interrupted while waiting for QuickBooks' quota", e);
        }
    }
}
