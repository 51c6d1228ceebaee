package io.tillbridge.connector.warehouse.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The type of an existing column, as far as loading needs it: which values of the record value model
 * fit, and how a value is written as text for {@code COPY}. A value that does not fit is refused here
 * with a reason, before anything is sent, so that one bad record does not fail the batch.
 *
 * @param name the column's name
 * @param sqlType the type as PostgreSQL prints it ({@code numeric(12,2)}), used in casts
 * @param kind what values fit
 * @param precision numeric precision, or the length of a character type; -1 when unconstrained
 * @param scale numeric scale; -1 when unconstrained
 */
record ColumnType(String name, String sqlType, Kind kind, int precision, int scale) {

    /** How a column takes values. */
    enum Kind {
        TEXT, NUMERIC, SMALLINT, INTEGER, BIGINT, FLOAT, BOOLEAN, JSON,
        /** Any other type (timestamptz, uuid, date, ...): the value is sent as text and PostgreSQL parses it. */
        OTHER
    }

    // PostgreSQL's numeric limits: 131072 digits before the point, 16383 after.
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
    private static final int NUMERIC_MAX_SCALE = 16_383;

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The column type for a catalog entry: type name ({@code pg_type.typname}) and {@code atttypmod}. */
    static ColumnType of(String name, String sqlType, String typeName, int typmod) {
        return switch (typeName) {
            case "text", "varchar", "bpchar" -> new ColumnType(name, sqlType, Kind.TEXT, typmod > 4 ? typmod - 4 : -1, -1);
            case "numeric" -> typmod >= 4
                    ? new ColumnType(name, sqlType, Kind.NUMERIC, ((typmod - 4) >> 16) & 0xffff, numericScale(typmod))
                    : new ColumnType(name, sqlType, Kind.NUMERIC, -1, -1);
            case "int2" -> new ColumnType(name, sqlType, Kind.SMALLINT, -1, -1);
            case "int4" -> new ColumnType(name, sqlType, Kind.INTEGER, -1, -1);
            case "int8" -> new ColumnType(name, sqlType, Kind.BIGINT, -1, -1);
            case "float4", "float8" -> new ColumnType(name, sqlType, Kind.FLOAT, typeName.equals("float4") ? 4 : 8, -1);
            case "bool" -> new ColumnType(name, sqlType, Kind.BOOLEAN, -1, -1);
            case "json", "jsonb" -> new ColumnType(name, sqlType, Kind.JSON, -1, -1);
            default -> new ColumnType(name, sqlType, Kind.OTHER, -1, -1);
        };
    }

    /**
     * The scale in a numeric typmod: 11 bits, signed since PostgreSQL 15 ({@code numeric(2,-3)}); see
     * {@code make_numeric_typmod} in PostgreSQL's {@code src/backend/utils/adt/numeric.c}.
     */
    private static int numericScale(int typmod) {
        int bits = (typmod - 4) & 0x7ff;
        return bits >= 0x400 ? bits - 0x800 : bits;
    }

    /** The type of a new column for the values a batch brings: all numbers, all booleans, all strings, else jsonb. */
    static String newColumnType(List<Object> nonNullValues) {
        boolean numbers = nonNullValues.stream().allMatch(v -> v instanceof BigDecimal);
        boolean booleans = nonNullValues.stream().allMatch(v -> v instanceof Boolean);
        boolean strings = nonNullValues.stream().allMatch(v -> v instanceof String);
        return numbers ? "numeric" : booleans ? "boolean" : strings ? "text" : "jsonb";
    }

    /**
     * The value as COPY text (before escaping), or why it does not fit this column. {@code null}
     * stays null.
     */
    Rendered render(Object value) {
        if (value == null) {
            return Rendered.text(null);
        }
        Optional<String> unstorable = unstorableText(value);
        if (unstorable.isPresent()) {
            return Rendered.refused(unstorable.get());
        }
        return switch (kind) {
            case TEXT -> renderText(value);
            case NUMERIC -> value instanceof BigDecimal number ? renderNumeric(number) : refusedType(value, "a number");
            case SMALLINT -> renderInteger(value, BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE));
            case INTEGER -> renderInteger(value, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
            case BIGINT -> renderInteger(value, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
            case FLOAT -> renderFloat(value);
            case BOOLEAN -> value instanceof Boolean b ? Rendered.text(b.toString()) : refusedType(value, "true or false");
            case JSON -> renderJson(value);
            case OTHER -> value instanceof Map<?, ?> || value instanceof List<?> ? renderJson(value)
                    : Rendered.text(scalarText(value));
        };
    }

    private Rendered renderText(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return refusedType(value, "text");
        }
        String text = scalarText(value);
        if (precision >= 0 && text.codePointCount(0, text.length()) > precision) {
            return Rendered.refused("field " + name + ": " + text.codePointCount(0, text.length())
                    + " characters do not fit " + sqlType);
        }
        return Rendered.text(text);
    }

    private Rendered renderNumeric(BigDecimal number) {
        if (precision < 0) {
            if (number.scale() > NUMERIC_MAX_SCALE || number.precision() - number.scale() > NUMERIC_MAX_INTEGER_DIGITS) {
                return Rendered.refused("field " + name + ": " + abbreviated(number) + " is beyond what numeric can hold");
            }
            return Rendered.text(number.toPlainString());
        }
        // PostgreSQL rounds to the column's scale (half away from zero), then checks the digits left.
        BigDecimal rounded = number.setScale(scale, RoundingMode.HALF_UP);
        if (rounded.signum() != 0 && rounded.precision() - rounded.scale() > precision - scale) {
            return Rendered.refused("field " + name + ": " + abbreviated(number) + " does not fit " + sqlType);
        }
        return Rendered.text(number.toPlainString());
    }

    private Rendered renderInteger(Object value, BigInteger min, BigInteger max) {
        if (!(value instanceof BigDecimal number)) {
            return refusedType(value, "a whole number");
        }
        BigDecimal whole = number.stripTrailingZeros();
        if (whole.scale() > 0) {
            return Rendered.refused("field " + name + ": " + abbreviated(number) + " is not a whole number (" + sqlType + ")");
        }
        if (whole.precision() - whole.scale() > 20) {
            return Rendered.refused("field " + name + ": " + abbreviated(number) + " is out of range for " + sqlType);
        }
        BigInteger integer = whole.toBigIntegerExact();
        if (integer.compareTo(min) < 0 || integer.compareTo(max) > 0) {
            return Rendered.refused("field " + name + ": " + abbreviated(number) + " is out of range for " + sqlType);
        }
        return Rendered.text(integer.toString());
    }

    private Rendered renderFloat(Object value) {
        if (!(value instanceof BigDecimal number)) {
            return refusedType(value, "a number");
        }
        double limit = precision == 4 ? Float.MAX_VALUE : Double.MAX_VALUE;
        if (number.abs().compareTo(new BigDecimal(limit)) > 0) {
            return Rendered.refused("field " + name + ": " + abbreviated(number) + " is out of range for " + sqlType);
        }
        return Rendered.text(number.toString());
    }

    private Rendered renderJson(Object value) {
        try {
            return Rendered.text(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return Rendered.refused("field " + name + ": a value that is not JSON");
        }
    }

    private static String scalarText(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    private Rendered refusedType(Object value, String expected) {
        return Rendered.refused("field " + name + ": " + sqlType + " takes " + expected + ", not " + describe(value));
    }

    /**
     * PostgreSQL text holds no NUL character (neither does jsonb), and a lone UTF-16 surrogate has
     * no UTF-8 encoding; anything outside the value model has no column type at all.
     */
    private Optional<String> unstorableText(Object value) {
        if (value instanceof String text) {
            if (text.indexOf('\0') >= 0) {
                return Optional.of("field " + name + ": text with a NUL character cannot be stored");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return Optional.of("field " + name + ": text with an unpaired surrogate is not valid Unicode");
                }
            }
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Optional<String> inKey = entry.getKey() instanceof String key ? unstorableText(key)
                        : Optional.of("field " + name + ": an object key that is not text");
                Optional<String> found = inKey.isPresent() ? inKey
                        : entry.getValue() == null ? Optional.empty() : unstorableText(entry.getValue());
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(v -> v != null).map(this::unstorableText).flatMap(Optional::stream).findFirst();
        }
        if (value instanceof BigDecimal || value instanceof Boolean) {
            return Optional.empty();
        }
        return Optional.of("field " + name + ": a " + value.getClass().getSimpleName()
                + " is not in the record value model (text, number, boolean, object, list)");
    }

    static String describe(Object value) {
        if (value instanceof BigDecimal) {
            return "a number";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof String) {
            return "text";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        } else if (value instanceof List<?>) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static String abbreviated(BigDecimal number) {
        String text = number.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** A value as COPY text (null for SQL NULL), or the reason it was refused. */
    record Rendered(String text, String refusal) {

        static Rendered text(String text) {
            return new Rendered(text, null);
        }

        static Rendered refused(String reason) {
            return new Rendered(null, reason);
        }

        boolean refused() {
            return refusal != null;
        }
    }
}
