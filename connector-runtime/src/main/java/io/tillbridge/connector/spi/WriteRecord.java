package io.tillbridge.connector.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record to write into a target.
 *
 * @param idempotencyKey derived by the runtime from the ledger key (tenant, integration, source
 *     key): the same record gets the same key on every retry, so a target creates it at most once
 * @param targetRef the target's identifier when the record was written before (update), else empty
 * @param data the mapped fields, in the value model of {@link SourceRecord}
 */
public record WriteRecord(String idempotencyKey, String targetRef, Map<String, Object> data) {

    public WriteRecord {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        targetRef = targetRef == null ? "" : targetRef;
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
