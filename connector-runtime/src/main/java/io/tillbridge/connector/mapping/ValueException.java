package io.tillbridge.connector.mapping;

/** A record's value cannot be mapped; caught per field and turned into a {@link FieldError}. */
final class ValueException extends RuntimeException {

    private final FieldError.Category category;
    private final String hint;
    private final transient Object value;

    ValueException(String message, String hint, Object value) {
        this(FieldError.Category.VALUE, message, hint, value);
    }

    ValueException(FieldError.Category category, String message, String hint, Object value) {
        super(message, null, false, false);
        this.category = category;
        this.hint = hint;
        this.value = value;
    }

    FieldError toError(String path) {
        return new FieldError(path, category, getMessage(), hint, value == null ? null : Values.display(value));
    }
}
