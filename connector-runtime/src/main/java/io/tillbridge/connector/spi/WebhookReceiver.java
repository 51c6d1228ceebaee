package io.tillbridge.connector.spi;

import java.util.List;

/**
 * Optional role of a source connector whose system pushes events.
 *
 * @param <C> the config record
 */
public interface WebhookReceiver<C extends Record> {

    /**
     * Verifies the signature of one delivery on its raw bytes, exactly as received (never on
     * re-serialised JSON), and parses the events it carries into records.
     *
     * <ul>
     *   <li>Called once per delivery, on a worker thread, after the platform has stored the raw
     *       request (so that it can be replayed). It must be fast and do no network calls.</li>
     *   <li>Compares signatures in constant time.</li>
     *   <li>Throws {@link ConnectorException} with category AUTH when the signature is missing or
     *       wrong, CONFIG when the body cannot be parsed.</li>
     *   <li>A delivery may repeat: records carry the vendor's event id or version so that the
     *       runtime can drop duplicates.</li>
     * </ul>
     */
    List<SourceRecord> webhook(C config, WebhookRequest request);
}
