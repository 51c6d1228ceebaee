-- Tillbridge shared schema, version 8.10: fair claiming between tenants (see DD-018).
--
-- claimed_at is when a worker last claimed the run. A claim serves first the tenants served least
-- recently (the latest claimed_at of their runs, none yet counting as longest ago), so a tenant
-- with many queued runs cannot hold up another tenant's runs by more than one run.

ALTER TABLE run_queue ADD COLUMN claimed_at timestamptz;

CREATE INDEX run_queue_claimed_by_tenant ON run_queue (tenant_id, claimed_at);
