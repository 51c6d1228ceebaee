package io.tillbridge.connector.spi;

import java.util.List;
import java.util.Objects;

/**
 * One stream of a source (or object of a target).
 *
 * @param name the stream's name, unique within the catalog ({@code orders})
 * @param fields the fields found, top-level first
 * @param keyField the field that identifies a record (JSON pointer or field name); empty if none
 * @param cursorField the field that orders changes (for example {@code updated_at}); empty when the
 *     stream can only be read in full
 * @param openSchema true when the object takes fields it does not have yet (a warehouse table adds
 *     a column for a new field), so that a mapping may write fields beyond {@code fields}
 */
public record StreamDescriptor(String name, List<FieldDescriptor> fields, String keyField, String cursorField,
        boolean openSchema) {

    /** A stream whose fields are all it has. */
    public StreamDescriptor(String name, List<FieldDescriptor> fields, String keyField, String cursorField) {
        this(name, fields, keyField, cursorField, false);
    }

    public StreamDescriptor {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        keyField = keyField == null ? "" : keyField;
        cursorField = cursorField == null ? "" : cursorField;
    }

    /** Whether a read from a checkpoint returns only what changed since. */
    public boolean incremental() {
        return !cursorField.isEmpty();
    }
}
