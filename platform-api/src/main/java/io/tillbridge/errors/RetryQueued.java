package io.tillbridge.errors;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/** The retry runs queued for a selection of errors: one per integration. */
@Serdeable
public record RetryQueued(List<Queued> runs) {

    /** One retry run and how many errors it re-processes. */
    @Serdeable
    public record Queued(UUID runId, UUID integrationId, int errors) {
    }
}
