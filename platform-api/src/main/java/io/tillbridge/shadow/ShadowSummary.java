package io.tillbridge.shadow;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** How many records a shadow run would have created, updated and left unchanged. */
@Serdeable
public record ShadowSummary(UUID runId, long create, long update, long unchanged) {
}
