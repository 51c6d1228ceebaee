package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import java.util.Locale;
import java.util.Optional;

/**
 * The types a spreadsheet column is read as. Integers and decimals become {@link java.math.BigDecimal}
 * (decimals with the scale written in the file), booleans {@link Boolean}, dates and date-times
 * ISO-8601 strings, text the cell's text.
 */
enum CellType {
    INTEGER("integer", "an integer", FieldType.NUMBER),
    DECIMAL("decimal", "a decimal", FieldType.NUMBER),
    BOOLEAN("boolean", "a boolean (true or false)", FieldType.BOOLEAN),
    DATE("date", "a date", FieldType.STRING),
    DATE_TIME("date-time", "a date-time", FieldType.STRING),
    TEXT("text", "text", FieldType.STRING);

    private final String configName;
    private final String article;
    private final FieldType fieldType;

    CellType(String configName, String article, FieldType fieldType) {
        this.configName = configName;
        this.article = article;
        this.fieldType = fieldType;
    }

    /** The name in the {@code columnTypes} setting and in discovery ({@code date-time}). */
    String configName() {
        return configName;
    }

    /** For messages: "is not a decimal". */
    String article() {
        return article;
    }

    FieldType fieldType() {
        return fieldType;
    }

    /** The type a {@code columnTypes} entry names; {@code datetime} and {@code date_time} too. */
    static Optional<CellType> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("datetime")) {
            return Optional.of(DATE_TIME);
        }
        for (CellType type : values()) {
            if (type.configName.equals(n)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
