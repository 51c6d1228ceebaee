package io.tillbridge.engine;

import io.tillbridge.integrations.Integration;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.runs.queue.ClaimedRun;
import java.time.Clock;
import java.util.Optional;

/**
 * How a run maps its records: the integration's pinned mapping version, else the identity mapping.
 * An aggregating mapping also brings its {@link RunAggregation}; a mapping that cannot serve the
 * run answers why ({@code refusal}, a CONFIG error for the run).
 *
 * @param mapper the mapper; null when refused
 * @param aggregation the run's groups when the mapping aggregates; else null
 * @param refusal why the run cannot be mapped; else null
 */
record RunMapping(RecordMapper mapper, RunAggregation aggregation, String refusal) {

    static RunMapping of(MappingVersions mappings, ClaimedRun run, Integration integration, RunLimits limits,
            Clock clock) {
        Optional<MappingVersions.Pinned> pinned = mappings.pinnedVersion(run.tenant(), integration.id());
        if (pinned.isEmpty()) {
            return "identity".equals(integration.mapping())
                    ? new RunMapping(RecordMapper.IDENTITY, null, null)
                    : refused("CONFIG: the integration's mapping " + integration.mapping() + " is unknown");
        }
        MappingVersions.Pinned version = pinned.get();
        if (!version.mapping().aggregates()) {
            return new RunMapping(new PinnedMappingMapper(integration.id(), version.version(), version.mapping()),
                    null, null);
        }
        if (!run.trigger().readsSource()) {
            return refused("CONFIG: mapping version " + version.version() + " aggregates records: its groups are"
                    + " recomputed from the whole source, so start a run instead of a retry or replay");
        }
        RunAggregation aggregation = new RunAggregation(integration.id(), version.version(), version.mapping(),
                limits.maxGroups(), limits.maxGroupBytes(), clock);
        return new RunMapping(aggregation.mapper(), aggregation, null);
    }

    private static RunMapping refused(String why) {
        return new RunMapping(null, null, why);
    }
}
