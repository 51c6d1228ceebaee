package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Square's wire conventions: JSON, money in minor units and RFC 3339 times with milliseconds. */
final class SquareJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SquareJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code {"amount": minor units, "currency": ISO 4217}}. */
    static ObjectNode money(long amount, String currency) {
        ObjectNode money = object();
        money.put("amount", amount);
        money.put("currency", currency);
        return money;
    }

    static long amount(JsonNode money) {
        return money == null || money.isMissingNode() || money.isNull() ? 0 : money.path("amount").asLong();
    }

    static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant instant(String rfc3339, String field) {
        try {
            return java.time.OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            throw SquareApiException.badRequest("INVALID_TIME", "Invalid RFC 3339 timestamp: " + rfc3339, field);
        }
    }

    /** Text of a node whose object keys are sorted: equal JSON gives equal text. */
    static String canonical(JsonNode node) {
        try {
            Object tree = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
