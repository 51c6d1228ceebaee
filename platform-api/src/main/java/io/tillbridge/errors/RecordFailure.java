package io.tillbridge.errors;

import io.tillbridge.connector.spi.SourceRecord;
import java.util.Objects;

/**
 * One record that failed in a run, as the run reports it to the inbox.
 *
 * @param record the source record as read, stored so that the error can be retried
 * @param category why it failed
 * @param fieldPath the field the failure is about (for example {@code lines[2].price}); null if none
 * @param message what went wrong, readable by a merchant
 * @param hint what to do about it; null if nothing useful can be said
 */
public record RecordFailure(SourceRecord record, ErrorCategory category, String fieldPath, String message,
        String hint) {

    public RecordFailure {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
    }
}
