package io.tillbridge.runs.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** A replay that was queued: follow it at its Location. */
@Serdeable
public record ReplayQueued(UUID runId, UUID replayOf, String status) {
}
