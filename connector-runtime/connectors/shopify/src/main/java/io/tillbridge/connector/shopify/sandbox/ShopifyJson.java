package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The sandbox's JSON: Shopify writes money as decimal strings and times in the shop's offset. */
final class ShopifyJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ShopifyJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code "12.30"} in USD, {@code "1230"} in JPY: always the currency's digits. */
    static String money(BigDecimal amount, int digits) {
        return amount.setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Shopify's REST form: {@code 2026-12-06T19:30:00-05:00}, in the shop's time zone, to the second. */
    static String time(Instant at, ZoneId zone) {
        return at == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** An ISO 8601 time with an offset (or {@code Z}); null when it is not one. */
    static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"errors": message}}: Shopify's REST error body for a message that names no field. */
    static ObjectNode errors(String message) {
        ObjectNode body = object();
        body.put("errors", message);
        return body;
    }

    /** {@code {"errors": {field: [message]}}}: Shopify's REST validation body. */
    static ObjectNode fieldErrors(String field, String message) {
        ObjectNode body = object();
        body.putObject("errors").putArray(field).add(message);
        return body;
    }

    /** The GraphQL global id: {@code gid://shopify/Order/123}. */
    static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }
}
