package io.tillbridge.connector.mapping;

import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The output types a field can be cast to, and their casts within the value model. */
public enum ValueType {
    STRING("string"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    BOOLEAN("boolean"),
    DATE("date"),
    DATE_TIME("date-time");

    private final String wireName;

    ValueType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ValueType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", Arrays.stream(values()).map(ValueType::wireName).toList());
    }

    /** Whether a target field of the discovered type can hold values of this type. */
    public boolean fits(FieldType target) {
        switch (target) {
            case STRING:
                return this == STRING || this == DATE || this == DATE_TIME;
            case NUMBER:
                return this == INTEGER || this == DECIMAL;
            case BOOLEAN:
                return this == BOOLEAN;
            case UNKNOWN:
                return true;
            default:
                return false;
        }
    }

    /** The type a target field of the discovered type takes, for hints. */
    static ValueType forTarget(FieldType target) {
        switch (target) {
            case NUMBER:
                return DECIMAL;
            case BOOLEAN:
                return BOOLEAN;
            default:
                return STRING;
        }
    }

    /** Casts a non-null value; throws {@link ValueException} when it cannot. */
    Object cast(Object value) {
        switch (this) {
            case STRING:
                return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : asText(value);
            case INTEGER: {
                BigDecimal d = decimal(value);
                try {
                    return d.setScale(0, java.math.RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw new ValueException(Values.display(value) + " is not a whole number",
                            "Map it to a decimal field, or round it with an expression.", value);
                }
            }
            case DECIMAL:
                return decimal(value);
            case BOOLEAN:
                return bool(value);
            case DATE:
                return DateTimes.parseDate(value).toString();
            case DATE_TIME:
                return DateTimes.parseDateTime(value, null).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            default:
                throw new IllegalStateException(name());
        }
    }

    private static String asText(Object value) {
        if (value instanceof java.util.Map || value instanceof java.util.List) {
            throw new ValueException("an object or array cannot be cast to string",
                    "Pick a field inside it, e.g. 'amount.currency', or flatten the array.", value);
        }
        return String.valueOf(value);
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof String) {
            try {
                return new BigDecimal(((String) value).trim());
            } catch (NumberFormatException e) {
                throw new ValueException("'" + Values.display(value) + "' is not a number",
                        "Map a numeric field, or give a default.", value);
            }
        }
        throw new ValueException(kind(value) + " cannot be cast to a number", "Map a numeric field.", value);
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) value;
            if (d.compareTo(BigDecimal.ZERO) == 0) {
                return false;
            }
            if (d.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
        }
        if (value instanceof String) {
            switch (((String) value).trim().toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "y": case "1":
                    return true;
                case "false": case "no": case "n": case "0":
                    return false;
                default:
                    break;
            }
        }
        throw new ValueException("'" + Values.display(value) + "' is not a boolean",
                "Use true/false, yes/no or 1/0, or a value map.", value);
    }

    static String kind(Object value) {
        if (value instanceof java.util.Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "an array";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "'" + Values.display(value) + "'";
    }

}
