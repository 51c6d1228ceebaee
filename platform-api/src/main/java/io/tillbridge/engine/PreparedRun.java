package io.tillbridge.engine;

import io.tillbridge.connections.BoundConfig;
import io.tillbridge.integrations.Integration;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.queue.ClaimedRun;
import java.util.UUID;

/**
 * A claimed run with what it needs to execute, as {@link RunPreparation} loaded it.
 *
 * @param mapping how the run maps its records
 * @param source the bound source connection; null for a retry or replay run, which reads stored records
 * @param target the bound target connection
 * @param committed the counts earlier attempts of the run committed
 * @param replayOf the run whose stored records a replay re-processes; null otherwise
 */
record PreparedRun(ClaimedRun run, Integration integration, RunMapping mapping, BoundConfig source,
        BoundConfig target, RunCounts committed, UUID replayOf) {
}
