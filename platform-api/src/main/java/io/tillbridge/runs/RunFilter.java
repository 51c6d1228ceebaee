package io.tillbridge.runs;

import java.time.Instant;
import java.util.UUID;

/**
 * Which runs to list; every field is optional (null: any).
 *
 * @param from runs queued at or after this instant
 * @param to runs queued before this instant
 */
public record RunFilter(RunStatus status, RunTrigger trigger, UUID integrationId, Instant from, Instant to) {

    public static final RunFilter ANY = new RunFilter(null, null, null, null, null);

    public RunFilter withIntegration(UUID integration) {
        return new RunFilter(status, trigger, integration, from, to);
    }
}
