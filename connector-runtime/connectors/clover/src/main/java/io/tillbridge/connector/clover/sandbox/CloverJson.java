package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Clover's wire conventions: JSON, money in integer minor units, times in epoch milliseconds. */
final class CloverJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CloverJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code {"id": id}}: how Clover refers to another object it did not expand. */
    static ObjectNode ref(String id) {
        ObjectNode ref = object();
        ref.put("id", id);
        return ref;
    }

    /** {@code {"elements": [...]}}: Clover's envelope of a list, nested or top level. */
    static ObjectNode elements(ArrayNode list) {
        ObjectNode out = object();
        out.set("elements", list);
        return out;
    }

    /** The {@code elements} of a nested list, or an empty array. */
    static ArrayNode elementsOf(JsonNode parent, String field) {
        JsonNode list = parent.path(field).path("elements");
        return list instanceof ArrayNode a ? a : array();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
