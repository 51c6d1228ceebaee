package io.tillbridge.connector.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record read from a source.
 *
 * <p><b>Value model.</b> {@code data} is a JSON-like tree made of {@code Map<String, Object>}
 * (objects, keys in source order), {@code List<Object>} (arrays), {@link String},
 * {@link java.math.BigDecimal} (every number, so that money keeps its scale), {@link Boolean} and
 * {@code null}. Nothing else: dates and times stay strings as the system sent them, so that the
 * mapping decides how to read them. The SPI uses plain JDK types so that a connector needs no JSON
 * library.
 *
 * @param stream the stream it belongs to
 * @param key the system's identifier of the record, stable across reads ({@code ord_123})
 * @param version what changes when the record changes: an update timestamp, a version number or an
 *     event id; empty if the system offers none (the runtime then hashes {@code data})
 * @param data the record's fields in the value model above
 */
public record SourceRecord(String stream, String key, String version, Map<String, Object> data) {

    /**
     * A field a source sets, instead of failing the read, on a record it could read only in part (a
     * spreadsheet row whose cell is not of its column's type, a row with too many cells): a list of
     * maps with {@code field} (the column, or null for the whole record), {@code message} (readable,
     * with the line number where there is one) and {@code value} (the text found, or null). The
     * runtime puts such a record into the error inbox as a value error and writes nothing of it.
     */
    public static final String PROBLEMS = "_problems";

    public SourceRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(key, "key");
        version = version == null ? "" : version;
        // Map.copyOf would refuse null values and lose the order.
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
