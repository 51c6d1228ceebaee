package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's JSON: exact decimals (money is a JSON decimal in Xero's API and keeps its scale) and
 * Xero's Microsoft JSON dates ({@code /Date(1573755038314+0000)/}, the format of every date the
 * Accounting API answers; {@code x-is-msdate} in Xero's OpenAPI document).
 */
final class XeroJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private XeroJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /Date(<epoch ms>+0000)/}. */
    static String msDate(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + "+0000)/";
    }

    static String msDate(LocalDate date) {
        return msDate(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * A date as Xero accepts it in a request: {@code yyyy-MM-dd}, {@code yyyy-MM-ddTHH:mm:ss} or a
     * Microsoft JSON date; null when it is none of them.
     */
    static LocalDate parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher ms = MS_DATE.matcher(text.trim());
        if (ms.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(ms.group(1))).atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
