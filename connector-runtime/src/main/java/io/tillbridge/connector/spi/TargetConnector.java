package io.tillbridge.connector.spi;

import java.util.List;
import java.util.Map;

/**
 * A connector that writes records into a system.
 *
 * @param <C> the config record
 */
public interface TargetConnector<C extends Record> extends Connector<C> {

    /**
     * Writes one batch of records into one object (for example "orders" or "journal_entries") and
     * reports the outcome of each record.
     *
     * <ul>
     *   <li>Called on the worker thread, once per batch; a run may call it several times on one
     *       instance, one batch after the other.</li>
     *   <li>Returns exactly one {@link WriteResult} per record, in the order of the batch. A record
     *       the system refuses (validation, unknown reference) is {@link
     *       WriteResult.Outcome#REJECTED} with a reason: it must not fail the batch.</li>
     *   <li>Each record carries an idempotency key. The connector passes it to the system (header
     *       or body field) or, where the system has none, looks the key up before creating, so that
     *       writing the same batch again creates nothing: the second write reports
     *       {@link WriteResult.Outcome#UNCHANGED} for records already written.</li>
     *   <li>Throws {@link ConnectorException} only when the whole batch cannot be written (AUTH,
     *       TRANSIENT, ...); the runtime may then retry the same batch with the same keys.</li>
     * </ul>
     *
     * @param object an object name from {@link #discover(Record)}
     */
    List<WriteResult> write(C config, String object, List<WriteRecord> batch);

    /**
     * The target's current data for records about to be written, for shadow mode: nothing is
     * written. Answers, per idempotency key of a record the target holds, that record's fields as
     * the target has them, in the value model of {@link SourceRecord} and under the record's field
     * names, such that a field whose stored value equals the one to be written compares equal.
     * Records the target does not hold are absent.
     *
     * <ul>
     *   <li>Called on the worker thread, once per batch, like {@link #write}; reads only.</li>
     *   <li>A target that cannot read its records answers an empty map (the default): every
     *       record then shows as a create.</li>
     *   <li>Throws {@link ConnectorException} when the target cannot be read.</li>
     * </ul>
     */
    default Map<String, Map<String, Object>> current(C config, String object, List<WriteRecord> records) {
        return Map.of();
    }
}
