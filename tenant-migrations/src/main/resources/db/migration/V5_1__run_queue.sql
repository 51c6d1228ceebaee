-- Tillbridge shared schema, version 5.1: the run queue (see DD-010).
--
-- A run is split in two:
--   runs        the tenant's record of a run (trigger, status, checkpoints, counts, error, events):
--               tenant-owned, under forced row-level security like every tenant table.
--   run_queue   the dispatch state workers claim across tenants (status, attempt = fencing token,
--               lease): a platform table without row-level security. It holds ids, times and
--               counters only, never tenant data (no names, configs, checkpoints or errors).
-- run_queue is authoritative for status, attempt and lease; runs mirrors status and attempt for
-- the tenant's view and is updated in the tenant's own transactions.

CREATE TABLE runs (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    id                  uuid        NOT NULL,
    integration_id      uuid        NOT NULL,
    trigger             text        NOT NULL CHECK (trigger IN ('manual', 'schedule', 'webhook', 'retry')),
    status              text        NOT NULL DEFAULT 'queued'
                                    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempt             integer     NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    lease_owner         text,
    queued_at           timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    checkpoint_before   text,
    checkpoint_after    text,
    records_read        bigint      NOT NULL DEFAULT 0 CHECK (records_read >= 0),
    records_written     bigint      NOT NULL DEFAULT 0 CHECK (records_written >= 0),
    records_unchanged   bigint      NOT NULL DEFAULT 0 CHECK (records_unchanged >= 0),
    records_failed      bigint      NOT NULL DEFAULT 0 CHECK (records_failed >= 0),
    error               text,
    cancel_requested    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX runs_by_integration ON runs (tenant_id, integration_id, queued_at DESC);

ALTER TABLE runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON runs
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- What happened to a run, in order: claims, takeovers, refused stale commits, cancel requests.
CREATE TABLE run_events (
    tenant_id   uuid        NOT NULL,
    run_id      uuid        NOT NULL,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind        text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
    attempt     integer,
    detail      text,
    PRIMARY KEY (tenant_id, run_id, seq),
    FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE run_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON run_events
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- The dispatch state. Platform table: workers serve all tenants and claim with
-- SELECT ... FOR UPDATE SKIP LOCKED. A row is inserted in the same transaction as its runs row.
CREATE TABLE run_queue (
    run_id              uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL,
    status              text        NOT NULL DEFAULT 'queued'
                                    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempt             integer     NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    lease_owner         text,
    lease_expires_at    timestamptz,
    queued_at           timestamptz NOT NULL DEFAULT now(),
    cancel_requested    boolean     NOT NULL DEFAULT false,
    FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE,
    CHECK (status <> 'running' OR (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);

-- Claimable runs in queue order; running runs per tenant for the concurrency cap.
CREATE INDEX run_queue_claimable ON run_queue (queued_at) WHERE status IN ('queued', 'running');
CREATE INDEX run_queue_running_by_tenant ON run_queue (tenant_id) WHERE status = 'running';

GRANT SELECT, INSERT, UPDATE ON runs, run_events TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON run_queue TO ${appRole};
