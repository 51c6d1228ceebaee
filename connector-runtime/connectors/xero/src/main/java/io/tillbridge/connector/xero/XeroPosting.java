package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Creates documents in one request and makes sure none is created twice: every request carries an
 * {@code Idempotency-Key} derived from the records' keys and the documents still to create, and a
 * request whose outcome is unknown (a cut connection, a timeout, a 5xx) is resolved by looking the
 * documents up by number BEFORE anything is sent again. Found documents count as created; only the
 * others are sent again, with the same key when they are the same set.
 */
final class XeroPosting {

    private final XeroApi api;
    private final int maxRetries;

    XeroPosting(XeroApi api, int maxRetries) {
        this.api = api;
        this.maxRetries = maxRetries;
    }

    /**
     * Posts {@code items} to {@code resource} and answers, per item in order, Xero's answered item
     * (which may carry {@code ValidationErrors}) or the document found by its number.
     *
     * @param numbers each item's document number
     * @param recordKey the idempotency key of the batch's first record, the stem of the request's key
     * @param lookup finds documents by number: number to document, absent when not found
     */
    List<JsonNode> create(String resource, List<ObjectNode> items, List<String> numbers, String recordKey,
            Function<List<String>, Map<String, JsonNode>> lookup) {
        JsonNode[] out = new JsonNode[items.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            pending.add(i);
        }
        String problem = "";
        for (int attempt = 0; attempt <= maxRetries && !pending.isEmpty(); attempt++) {
            ObjectNode body = XeroApi.JSON.createObjectNode();
            ArrayNode array = body.putArray(resource);
            List<String> sent = new ArrayList<>();
            for (int i : pending) {
                array.add(items.get(i));
                sent.add(numbers.get(i));
            }
            // The same documents with the same content get the same key; anything else a new one.
            String key = DocumentNumbers.writeKey(recordKey, resource + ":" + String.join(",", sent) + ":" + body);
            XeroApi.WriteOutcome outcome = api.write(resource, body, key);
            if (outcome instanceof XeroApi.WriteOutcome.Answered answered) {
                JsonNode list = answered.body().path(resource);
                if (list.size() != pending.size()) {
                    throw new ConnectorException(Category.SYSTEM, "Xero answered " + list.size() + " " + resource
                            + " for " + pending.size() + " sent");
                }
                for (int j = 0; j < pending.size(); j++) {
                    out[pending.get(j)] = list.get(j);
                }
                pending.clear();
                break;
            }
            problem = ((XeroApi.WriteOutcome.Unknown) outcome).problem();
            Map<String, JsonNode> found = lookup.apply(sent);
            pending.removeIf(i -> {
                JsonNode doc = found.get(numbers.get(i));
                if (doc != null) {
                    out[i] = doc;
                    return true;
                }
                return false;
            });
        }
        if (!pending.isEmpty()) {
            throw new ConnectorException(Category.TRANSIENT, "Xero did not confirm " + pending.size() + " of "
                    + items.size() + " " + resource + " after " + (maxRetries + 1) + " attempts, and they are not"
                    + " posted: " + problem);
        }
        return Arrays.asList(out);
    }

    /** The validation messages of an answered item, empty when it was accepted. */
    static String errors(JsonNode item) {
        List<String> messages = new ArrayList<>();
        item.path("ValidationErrors").forEach(e -> messages.add(e.path("Message").asText()));
        return String.join("; ", messages);
    }
}
