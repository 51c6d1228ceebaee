package io.tillbridge.vendorhooks;

import java.time.Instant;
import java.util.Map;

/**
 * An object a vendor event named that an integration has not written yet.
 *
 * @param id the change's sequence number: later changes have larger ones
 * @param stream the stream of the object
 * @param key its source key
 * @param version the vendor's version as of the event; null when the event did not say
 * @param deleted whether the event said it was deleted
 * @param record the object's record data when the event carried it; null to fetch it
 * @param waiting whether it waited on an earlier run (a refund for an order not written yet)
 * @param createdAt when the event that named it was stored
 */
public record PendingChange(long id, String stream, String key, String version, boolean deleted,
        Map<String, Object> record, boolean waiting, Instant createdAt) {
}
