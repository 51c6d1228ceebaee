package io.tillbridge.connector.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One field of a stream, as discovered.
 *
 * @param name the field's path: top-level name, nested fields as {@code customer.email}
 * @param type the value type seen
 * @param nullable whether null (or absent) was seen or is allowed
 * @param samples a few example values (at most five), in the value model of {@link SourceRecord};
 *     may contain null
 * @param format what the values are beyond their value type, in JSON Schema's words where it has
 *     them: {@code integer}, {@code decimal}, {@code date}, {@code date-time}, {@code text} (a
 *     spreadsheet column's detected type); empty when the connector says nothing more
 */
public record FieldDescriptor(String name, FieldType type, boolean nullable, List<Object> samples, String format) {

    /** A field with no format beyond its value type. */
    public FieldDescriptor(String name, FieldType type, boolean nullable, List<Object> samples) {
        this(name, type, nullable, samples, "");
    }

    /** The value types of the record value model. */
    public enum FieldType { STRING, NUMBER, BOOLEAN, OBJECT, ARRAY, UNKNOWN }

    public FieldDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        // List.copyOf refuses nulls, and null is a legitimate sample.
        samples = Collections.unmodifiableList(new ArrayList<>(samples));
        format = format == null ? "" : format;
    }
}
