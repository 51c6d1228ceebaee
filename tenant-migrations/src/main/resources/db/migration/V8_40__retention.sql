-- Retention (DD-021): a purge job on the scheduler role deletes, in bounded batches and tenant by
-- tenant under row-level security, what the platform no longer needs. The application role gets
-- DELETE on the tenant tables it purges (row-level security still limits it to the tenant of the
-- transaction), and the indexes that keep each batch an index range scan.

GRANT DELETE ON run_records, shadow_changes, run_events, webhook_events, record_errors TO ${appRole};

-- Stored records an open (or retried) error points at stay until the error is closed.
CREATE INDEX record_errors_open_by_run ON record_errors (tenant_id, run_id, source_key)
    WHERE status IN ('open', 'retried');
-- Closed errors by the time they were closed.
CREATE INDEX record_errors_closed ON record_errors (tenant_id, closed_at)
    WHERE status IN ('resolved', 'ignored');
-- Replays waiting for (or working on) the records of the run they replay.
CREATE INDEX runs_pending_replays ON runs (tenant_id, replay_of)
    WHERE replay_of IS NOT NULL AND status IN ('queued', 'running');
-- Received webhook events by age, whatever their endpoint.
CREATE INDEX webhook_events_by_received ON webhook_events (tenant_id, received_at);
-- Expired tokens (platform tables).
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);
CREATE INDEX email_tokens_by_expiry ON email_tokens (expires_at);
CREATE INDEX impersonations_by_expiry ON impersonations (expires_at);
