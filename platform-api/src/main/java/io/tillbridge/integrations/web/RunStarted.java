package io.tillbridge.integrations.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** A run that was queued: follow it at its Location. */
@Serdeable
public record RunStarted(UUID runId, UUID integrationId, String status) {
}
