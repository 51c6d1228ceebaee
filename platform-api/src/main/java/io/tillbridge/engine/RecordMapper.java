package io.tillbridge.engine;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorCategory;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one source record into the records to write to the target, or into per-record errors:
 * the seam where a mapping plugs into the run engine. The identity mapping is {@link #IDENTITY};
 * mappings with rules implement this interface.
 *
 * <p>Called on the worker thread, once per record that the ledger does not already hold in this
 * version; must not do I/O. A record that cannot be mapped is answered with failures, never with
 * an exception: the run goes on, and the record goes to the error inbox.
 */
public interface RecordMapper {

    /**
     * The mapping's identity and version, e.g. {@code identity} or {@code mapping:<id>:v7}. It is
     * part of every record's ledger hash: a new version writes every record again once.
     */
    String identity();

    /** Maps one record. */
    Result map(SourceRecord record);

    /**
     * One record to write.
     *
     * @param key the ledger's source key of the output: the source record's key for a one-to-one
     *     mapping, else a key of its own that is stable across runs (e.g. {@code ord_1/line/2})
     * @param data the target record's fields, in the value model of {@link SourceRecord}
     */
    record Output(String key, Map<String, Object> data) {
        public Output {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Why a record cannot be mapped.
     *
     * @param fieldPath the field it is about, e.g. {@code lines[2].price}; null if none
     * @param hint what the merchant can do about it; null if nothing useful can be said
     * @param value the value it is about (an unmapped value), or null
     */
    record Failure(ErrorCategory category, String fieldPath, String message, String hint, Object value) {
        public Failure {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(message, "message");
        }

        Failure(ErrorCategory category, String fieldPath, String message, String hint) {
            this(category, fieldPath, message, hint, null);
        }
    }

    /** The outputs of a record, or why it failed: a record with any failure writes nothing. */
    record Result(List<Output> outputs, List<Failure> failures) {
        public Result {
            outputs = List.copyOf(outputs);
            failures = List.copyOf(failures);
        }

        public static Result of(Output... outputs) {
            return new Result(List.of(outputs), List.of());
        }

        public static Result failed(Failure... failures) {
            return new Result(List.of(), List.of(failures));
        }
    }

    /** The identity mapping: the record's fields as they are, under the record's key. */
    RecordMapper IDENTITY = new RecordMapper() {
        @Override
        public String identity() {
            return "identity";
        }

        @Override
        public Result map(SourceRecord record) {
            return Result.of(new Output(record.key(), record.data()));
        }
    };
}
