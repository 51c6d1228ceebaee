package io.tillbridge.runs;

import java.time.Instant;
import java.util.UUID;

/** A tenant's record of one run, as the tenant sees it. */
public record Run(UUID id, UUID integrationId, RunTrigger trigger, RunStatus status, int attempt, String leaseOwner,
        Instant queuedAt, Instant startedAt, Instant finishedAt, String checkpointBefore, String checkpointAfter,
        RunCounts counts, String error, boolean cancelRequested) {
}
