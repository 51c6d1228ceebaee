package io.tillbridge.runs.queue;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.tenants.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A run a worker has claimed. The worker passes {@link #attempt()}, its fencing token, to every
 * {@link RunLeases#renew}, {@link RunLeases#commit} and {@link RunLeases#finish}; once another worker
 * has claimed the run, that token is stale and those calls are refused.
 *
 * @param runId the run
 * @param tenant the tenant whose run it is: the worker reads and writes the run's data in its scope
 * @param integrationId the integration to run
 * @param trigger what started the run
 * @param attempt the fencing token: incremented on every claim
 * @param leaseExpiresAt when the lease ends unless renewed
 * @param resumeFrom where to resume reading: this run's last committed checkpoint, else the last one
 *     the integration's earlier runs committed; empty to read from the start
 * @param takenOver true when the run was taken from a worker whose lease had expired
 * @param cancelRequested true when a user asked to cancel the run: finish it as cancelled
 */
public record ClaimedRun(UUID runId, TenantId tenant, UUID integrationId, RunTrigger trigger, int attempt,
        Instant leaseExpiresAt, Optional<Checkpoint> resumeFrom, boolean takenOver, boolean cancelRequested) {
}
