package io.tillbridge.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened in a tenant, as partners and merchants receive it.
 *
 * @param id stable across every delivery of the event (receivers de-duplicate on it)
 * @param tenant the tenant it happened in
 * @param type one of {@link EventTypes}
 * @param occurredAt when it happened
 * @param data what it is about, with ids and links (JSON values: strings, numbers, booleans, maps, lists)
 */
public record PlatformEvent(UUID id, UUID tenant, String type, Instant occurredAt, Map<String, Object> data) {

    public PlatformEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = data == null ? Map.of() : data;
    }
}
