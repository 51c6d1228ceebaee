package io.tillbridge.runs;

import java.time.Instant;
import java.util.UUID;

/**
 * A tenant's record of one run, as the tenant sees it.
 *
 * @param replayOf the run whose stored records a replay re-processes; null otherwise
 * @param shadow true once the run worked in shadow mode (it wrote nothing to the target)
 * @param retries how often the run was re-queued after a transient failure
 */
public record Run(UUID id, UUID integrationId, RunTrigger trigger, RunStatus status, int attempt, String leaseOwner,
        Instant queuedAt, Instant startedAt, Instant finishedAt, String checkpointBefore, String checkpointAfter,
        RunCounts counts, String error, boolean cancelRequested, UUID replayOf, boolean shadow, int retries) {
}
