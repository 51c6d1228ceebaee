-- Tillbridge shared schema, version 7.1: the run engine's ledger, error inbox, stored run records,
-- shadow changes, retries with back-off and replays (see DD-012).
--
-- Every new table is tenant-owned, under forced row-level security like every tenant table.

-- The exactly-once ledger: what each source record of an integration was last written as.
CREATE TABLE ledger (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    integration_id  uuid        NOT NULL,
    source_key      text        NOT NULL,
    version_hash    text        NOT NULL,
    target_ref      text        NOT NULL DEFAULT '',
    last_run_id     uuid        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, integration_id, source_key)
);

ALTER TABLE ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ledger
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- The record-level error inbox. One open (or retried) error per integration, source key and
-- category: a repeated failure bumps its occurrences instead of adding a row.
CREATE TABLE record_errors (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL,
    integration_id  uuid        NOT NULL,
    run_id          uuid        NOT NULL,
    source_key      text        NOT NULL,
    category        text        NOT NULL CHECK (category IN ('auth', 'mapping', 'value', 'unmapped_value',
                                    'rate_limit', 'transient', 'rejected_by_target', 'duplicate')),
    message         text        NOT NULL,
    field_path      text,
    hint            text,
    source_record   jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'ignored', 'retried')),
    occurrences     integer     NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    first_seen_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_seen_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    retry_run_id    uuid,
    closed_at       timestamptz,
    PRIMARY KEY (tenant_id, id)
);

CREATE UNIQUE INDEX record_errors_one_open ON record_errors (tenant_id, integration_id, source_key, category)
    WHERE status IN ('open', 'retried');
CREATE INDEX record_errors_newest_first ON record_errors (tenant_id, first_seen_at DESC, id DESC);
CREATE INDEX record_errors_by_retry_run ON record_errors (tenant_id, retry_run_id) WHERE retry_run_id IS NOT NULL;

ALTER TABLE record_errors ENABLE ROW LEVEL SECURITY;
ALTER TABLE record_errors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON record_errors
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- The source records each run handled, for replay: the last version per source key.
CREATE TABLE run_records (
    tenant_id   uuid    NOT NULL,
    run_id      uuid    NOT NULL,
    source_key  text    NOT NULL,
    record      jsonb   NOT NULL,
    PRIMARY KEY (tenant_id, run_id, source_key),
    FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE run_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON run_records
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- What a shadow run would have done to each record, against the target's current row.
CREATE TABLE shadow_changes (
    tenant_id       uuid    NOT NULL,
    run_id          uuid    NOT NULL,
    source_key      text    NOT NULL,
    action          text    NOT NULL CHECK (action IN ('create', 'update', 'unchanged')),
    before          jsonb,
    after           jsonb   NOT NULL,
    changed_fields  jsonb   NOT NULL DEFAULT '[]'::jsonb,
    PRIMARY KEY (tenant_id, run_id, source_key),
    FOREIGN KEY (tenant_id, run_id) REFERENCES runs (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE shadow_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE shadow_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shadow_changes
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Runs: replays, shadow runs (their checkpoints do not move the integration on) and retries.
ALTER TABLE runs DROP CONSTRAINT runs_trigger_check;
ALTER TABLE runs ADD CONSTRAINT runs_trigger_check
    CHECK (trigger IN ('manual', 'schedule', 'webhook', 'retry', 'replay'));
ALTER TABLE runs ADD COLUMN replay_of uuid;
ALTER TABLE runs ADD COLUMN shadow boolean NOT NULL DEFAULT false;
ALTER TABLE runs ADD COLUMN retries integer NOT NULL DEFAULT 0 CHECK (retries >= 0);
CREATE INDEX runs_newest_first ON runs (tenant_id, queued_at DESC, id DESC);

-- A run re-queued after a transient failure is not claimed before not_before.
ALTER TABLE run_queue ADD COLUMN not_before timestamptz;
ALTER TABLE run_queue ADD COLUMN retries integer NOT NULL DEFAULT 0 CHECK (retries >= 0);

-- How many record errors a run of the integration tolerates; null: no limit.
ALTER TABLE integrations ADD COLUMN max_record_errors integer CHECK (max_record_errors >= 0);

GRANT SELECT, INSERT, UPDATE, DELETE ON ledger TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON record_errors, run_records, shadow_changes TO ${appRole};
