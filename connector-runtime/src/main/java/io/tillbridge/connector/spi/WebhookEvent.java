package io.tillbridge.connector.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One vendor event: an id to drop repeats by, and the objects it says have changed.
 *
 * @param eventId the vendor's event id, stable across redeliveries of the same event
 * @param type the vendor's event type ({@code order.updated}, {@code orders/updated}, ...)
 * @param occurredAt when the vendor says it happened; null if it does not say
 * @param changes the objects the event names
 */
public record WebhookEvent(String eventId, String type, Instant occurredAt, List<ChangedObject> changes) {

    public WebhookEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    /**
     * One object an event names.
     *
     * @param stream the stream whose records the object becomes (one of the connector's streams,
     *     such as {@code orders} or {@code pos.orders}); a connector names every stream the change
     *     affects, one change each
     * @param key the record key that stream uses for the object
     * @param version the vendor's version of the object as of this event, in the form the stream's
     *     records carry in {@link SourceRecord#version()} (a decimal integer, or an ISO-8601
     *     instant), so that the platform can tell an older event from a newer one; null when the
     *     event does not say
     * @param deleted whether the event says the object was deleted
     * @param record the whole object as the stream's record when the payload carries it (applied
     *     as is, no fetch needed); null when the platform must fetch it with {@link TargetedReader}
     */
    public record ChangedObject(String stream, String key, String version, boolean deleted, SourceRecord record) {

        public ChangedObject {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(key, "key");
        }

        /** A change the platform must fetch. */
        public static ChangedObject toFetch(String stream, String key, String version) {
            return new ChangedObject(stream, key, version, false, null);
        }

        /** A change whose payload is the record. */
        public static ChangedObject carried(SourceRecord record) {
            return new ChangedObject(record.stream(), record.key(), record.version(), false, record);
        }
    }
}
