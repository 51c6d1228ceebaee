package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The sandbox's JSON: money as exact JSON decimals (QuickBooks sends {@code 12.50}, never minor
 * units), times as ISO-8601 with an offset, as Intuit writes them ({@code 2026-03-01T12:00:00-08:00};
 * the sandbox's company is in UTC).
 */
final class QuickBooksJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private QuickBooksJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String time(Instant at) {
        return TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(byte[] raw) throws IOException {
        return MAPPER.readTree(raw);
    }

    /** A money amount of a request: a JSON number (or numeric text) with at most two decimals. */
    static BigDecimal money(JsonNode value, String element) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        BigDecimal amount;
        if (value.isNumber()) {
            amount = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                amount = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                        "Property Name:" + element + " specified is unsupported or invalid: not a number", element);
            }
        } else {
            throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                    "Property Name:" + element + " specified is unsupported or invalid: not a number", element);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw QuickBooksFault.business(element + " " + amount.toPlainString() + " has more than two decimals");
        }
        return amount.setScale(2);
    }
}
