-- The CPU time a run took (issue 13, cost per transaction): the CPU time of the worker thread that
-- read, mapped and wrote the run's records, in milliseconds, added up over the run's attempts. Each
-- attempt adds its own time in a transaction fenced by its attempt when it ends (finished or
-- re-queued); an attempt that loses its lease adds nothing.
ALTER TABLE runs ADD COLUMN cpu_millis bigint NOT NULL DEFAULT 0 CHECK (cpu_millis >= 0);

-- The KPIs read finished runs of a tenant by the time they finished.
CREATE INDEX runs_finished ON runs (tenant_id, finished_at) WHERE finished_at IS NOT NULL;
