-- Tillbridge shared schema, version 9.70: vendor webhook events count in the tenant's storage
-- (DD-021, DD-028), and a refund that waited too long for its order becomes a record error.
--
-- vendor_hook_events (the payload) and vendor_hook_changes (the carried record) are counted in
-- tenant_storage by the statement-level triggers of V8_41, like run records, shadow changes and
-- webhook events.

-- What is stored already. The owner may read across tenants only while row security is not
-- forced on it; it is forced again before this migration commits.
ALTER TABLE vendor_hook_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE vendor_hook_changes NO FORCE ROW LEVEL SECURITY;
INSERT INTO tenant_storage AS s (tenant_id, bytes)
SELECT tenant_id, sum(bytes) FROM (
    SELECT t.tenant_id, pg_column_size(t.*)::bigint AS bytes FROM vendor_hook_events t
    UNION ALL SELECT t.tenant_id, pg_column_size(t.*)::bigint FROM vendor_hook_changes t
) stored GROUP BY tenant_id
ON CONFLICT (tenant_id) DO UPDATE SET bytes = s.bytes + EXCLUDED.bytes;
ALTER TABLE vendor_hook_events FORCE ROW LEVEL SECURITY;
ALTER TABLE vendor_hook_changes FORCE ROW LEVEL SECURITY;

CREATE TRIGGER vendor_hook_events_storage_insert AFTER INSERT ON vendor_hook_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER vendor_hook_events_storage_delete AFTER DELETE ON vendor_hook_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER vendor_hook_changes_storage_insert AFTER INSERT ON vendor_hook_changes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER vendor_hook_changes_storage_update AFTER UPDATE ON vendor_hook_changes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER vendor_hook_changes_storage_delete AFTER DELETE ON vendor_hook_changes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();

-- Retention deletes finished changes by age; waiting changes are found by age too.
CREATE INDEX vendor_hook_changes_done ON vendor_hook_changes (tenant_id, done_at)
    WHERE status IN ('written', 'skipped');
CREATE INDEX vendor_hook_events_received ON vendor_hook_events (tenant_id, received_at);
-- Deleting an event deletes its changes (ON DELETE CASCADE): found by event, not by a scan.
CREATE INDEX vendor_hook_changes_by_event ON vendor_hook_changes (tenant_id, connection_id, event_id);

-- A record that refers to another record that never arrived (a refund whose order no integration
-- wrote within tillbridge.vendor-hooks.waiting-limit).
ALTER TABLE record_errors DROP CONSTRAINT record_errors_category_check;
ALTER TABLE record_errors ADD CONSTRAINT record_errors_category_check CHECK (category IN ('auth', 'mapping',
    'value', 'unmapped_value', 'rate_limit', 'transient', 'rejected_by_target', 'duplicate', 'missing_reference'));
