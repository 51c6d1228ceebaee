package io.tillbridge.errors;

import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One record that failed in a run, as the run reports it to the inbox.
 *
 * @param record the source record as read, stored so that the error can be retried
 * @param category why it failed
 * @param fieldPath the field the failure is about (for example {@code lines[2].price}); null if none
 * @param message what went wrong, readable by a merchant
 * @param hint what to do about it; null if nothing useful can be said
 * @param value the value the failure is about as text (an unmapped value), at most
 *     {@value #MAX_VALUE_LENGTH} characters; null if none
 */
public record RecordFailure(SourceRecord record, ErrorCategory category, String fieldPath, String message,
        String hint, String value) {

    /** The longest value kept with an error. */
    public static final int MAX_VALUE_LENGTH = 200;

    public RecordFailure {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value longer than " + MAX_VALUE_LENGTH + " characters");
        }
    }

    /** A failure that is about no value in particular. */
    public RecordFailure(SourceRecord record, ErrorCategory category, String fieldPath, String message, String hint) {
        this(record, category, fieldPath, message, hint, null);
    }

    /**
     * {@code value} as the text kept with an error: a scalar as text, cut to
     * {@value #MAX_VALUE_LENGTH} characters; null for none and for a list or an object, which no
     * value map entry could match.
     */
    public static String valueText(Object value) {
        if (value == null || value instanceof java.util.Map || value instanceof java.util.Collection) {
            return null;
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH);
    }
}
