package io.tillbridge.connections.internal;

import io.tillbridge.connections.CheckOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A stored connection: its plain config fields and the names (only) of its stored secret fields;
 * {@code sandbox} when it talks to a shipped vendor sandbox that the platform runs.
 */
public record ConnectionRow(UUID id, String connectorId, String name, Map<String, Object> plainConfig,
        Set<String> secretFields, CheckOutcome lastCheck, int version, Instant createdAt, Instant updatedAt,
        boolean sandbox) {
}
