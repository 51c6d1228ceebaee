package io.tillbridge.connector.spreadsheet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A record's fields as cells of an output file, which people open in a spreadsheet program:
 * <ul>
 * <li>a string holding an RFC 3339 instant ({@code 2026-12-06T13:30:00Z}, {@code ...+01:00}) becomes
 * the local date-time {@code yyyy-MM-dd HH:mm:ss} in the record's time zone (its time zone field,
 * else the config's, else UTC); dates and other strings stay as they are;</li>
 * <li>numbers are {@link BigDecimal}s with their scale and never an exponent ({@code 1E+3} becomes
 * {@code 1000}), so money is never a float;</li>
 * <li>lists and maps become their JSON text (numbers in it plain too); booleans and nulls stay.</li>
 * </ul>
 */
final class OutputCells {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private OutputCells() {
    }

    /** The cells of a record's fields, in the record's field order. */
    static Map<String, Object> cells(Map<String, Object> data, ZoneId zone) {
        Map<String, Object> cells = new LinkedHashMap<>();
        data.forEach((field, value) -> cells.put(field, cell(value, zone)));
        return cells;
    }

    static Object cell(Object value, ZoneId zone) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String s) {
            return INSTANT.matcher(s).matches() ? local(s, zone) : s;
        }
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? plain(new BigDecimal(Double.toString(d))) : Double.toString(d);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return value.toString();
    }

    private static BigDecimal plain(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static String local(String instant, ZoneId zone) {
        try {
            String iso = instant.replace(' ', 'T').replace('t', 'T').replace('z', 'Z');
            return LOCAL.format(OffsetDateTime.parse(iso).atZoneSameInstant(zone));
        } catch (DateTimeException e) {
            return instant;
        }
    }
}
