-- Tillbridge shared schema, version 3.4: the support console and reading the audit log.
--
-- Platform tables only; no new tenant-owned table, so no new row-level security policy.

-- The actor's readable name (e-mail address, partner name) at the time of the event, so that the
-- log still reads well after a user is renamed or removed. NULL for rows written before 3.4.
ALTER TABLE audit_log ADD COLUMN actor_label text;

-- Staff read the audit log across tenants, newest first (the per-tenant index leads with tenant_id).
CREATE INDEX audit_log_time ON audit_log (occurred_at DESC, id DESC);

-- A support user's own impersonation sessions, newest first.
CREATE INDEX impersonations_by_support_user ON impersonations (support_user_id, started_at DESC);

-- The support console lists tenants by name; the cursor is (lower(name), id).
CREATE INDEX tenants_by_name ON tenants (lower(name), id);
