package io.tillbridge.engine;

import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.queue.ClaimedRun;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads what a claimed run needs, in its tenant's scope: the integration, its pinned mapping
 * version, its bound source and target connections, and what earlier attempts committed. A run that
 * cannot start is ended here: failed with a CONFIG error (the integration is gone, its mapping or a
 * connection cannot be used), or cancelled when its integration was paused after it was queued.
 */
@Singleton
class RunPreparation {

    private final IntegrationService integrations;
    private final ConnectionService connections;
    private final MappingVersions mappings;
    private final RunHistory history;
    private final RunLimits limits;
    private final RunOutcome outcome;
    private final Clock clock;

    RunPreparation(IntegrationService integrations, ConnectionService connections, MappingVersions mappings,
            RunHistory history, RunLimits limits, RunOutcome outcome, Clock clock) {
        this.clock = clock;
        this.integrations = integrations;
        this.connections = connections;
        this.mappings = mappings;
        this.history = history;
        this.limits = limits;
        this.outcome = outcome;
    }

    /** The run ready to execute; empty when it was ended instead. */
    Optional<PreparedRun> prepare(ClaimedRun run) {
        Optional<Integration> found = integrations.find(run.tenant(), run.integrationId());
        if (found.isEmpty()) {
            outcome.fail(run, RunCounts.NONE, "CONFIG: the integration no longer exists");
            return Optional.empty();
        }
        Integration integration = found.get();
        if (integration.paused()) {
            // Queued before the pause: a paused integration moves nothing until it is resumed.
            outcome.finish(run, RunStatus.CANCELLED, RunCounts.NONE,
                    "the integration was paused before the run started");
            return Optional.empty();
        }
        RunMapping mapping = RunMapping.of(mappings, run, integration, limits, clock);
        if (mapping.refusal() != null) {
            outcome.fail(run, RunCounts.NONE, mapping.refusal());
            return Optional.empty();
        }
        BoundConfig source = run.trigger().readsSource() ? bound(run, integration.sourceConnectionId(), "source")
                : null;
        BoundConfig target = bound(run, integration.targetConnectionId(), "target");
        if ((source == null && run.trigger().readsSource()) || target == null) {
            return Optional.empty();
        }
        Optional<Run> record = history.find(run.tenant(), run.runId());
        return Optional.of(new PreparedRun(run, integration, mapping, source, target,
                record.map(Run::counts).orElse(RunCounts.NONE), record.map(Run::replayOf).orElse(null)));
    }

    private BoundConfig bound(ClaimedRun run, UUID connectionId, String what) {
        BoundConfig bound;
        try {
            bound = connections.bind(run.tenant(), connectionId);
        } catch (ProblemException e) {
            outcome.fail(run, RunCounts.NONE, "CONFIG: the " + what + " connection " + connectionId
                    + " cannot be used: " + e.getMessage());
            return null;
        }
        if (bound.config() == null) {
            outcome.fail(run, RunCounts.NONE, "CONFIG: the " + what + " connection: " + bound.problem());
            return null;
        }
        return bound;
    }
}
