package io.tillbridge.connector.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * One problem with one field: of the mapping itself (at save time) or of a record's value.
 *
 * @param path the field's path: a target field ({@code total}), a source path
 *     ({@code total_money.amount}) or a path into the spec ({@code fields[3].money.currency})
 * @param category what kind of problem
 * @param message what is wrong
 * @param hint how to fix it
 * @param value the offending value, for {@link Category#UNMAPPED_VALUE} and bad values; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String path, Category category, String message, String hint, String value) {

    /** The kinds of field errors. */
    public enum Category {
        /** The mapping is wrong: does not compile, misses a required field, incompatible types. */
        MAPPING,
        /** A record's value cannot be mapped: missing, not castable, an expression failed. */
        VALUE,
        /** A value has no entry in a value map whose policy is to hold the record. */
        UNMAPPED_VALUE;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FieldError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    static FieldError mapping(String path, String message, String hint) {
        return new FieldError(path, Category.MAPPING, message, hint, null);
    }

    static FieldError value(String path, String message, String hint, Object value) {
        return new FieldError(path, Category.VALUE, message, hint, value == null ? null : Values.display(value));
    }
}
