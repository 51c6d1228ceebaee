package io.tillbridge.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts Jackson trees into the record value model of {@link io.tillbridge.connector.spi.SourceRecord}. */
public final class JsonValues {

    private JsonValues() {
    }

    /** Maps, lists, strings, BigDecimals, booleans and null. */
    public static Object toValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        } else if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toValue(e.getValue())));
            return map;
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toValue(item)));
            return list;
        } else if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText());
        } else if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** An object node as a map in the value model. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedResponseException("a record is not a JSON object: " + node.getNodeType());
        }
        return (Map<String, Object>) toValue(node);
    }

    /** A scalar as text for keys and cursors; empty for null or missing. */
    public static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() ? "" : node.asText();
    }
}
