-- Per-tenant storage caps (DD-021). tenant_storage keeps, per tenant, the bytes of its stored run
-- records, shadow changes and webhook events (pg_column_size of each row), kept up to date by
-- statement-level triggers over the transition tables of those three tables: one upsert per
-- statement, whatever the number of rows. max_bytes overrides the configured cap for one tenant
-- (support sets it with SQL as the database owner); null takes the plan's or the default cap.

CREATE TABLE tenant_storage (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    bytes       bigint      NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    max_bytes   bigint      CHECK (max_bytes >= 0),
    PRIMARY KEY (tenant_id)
);

-- What is stored already. The owner may read across tenants only while row security is not
-- forced on it; it is forced again before this migration commits.
ALTER TABLE run_records NO FORCE ROW LEVEL SECURITY;
ALTER TABLE shadow_changes NO FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_events NO FORCE ROW LEVEL SECURITY;
INSERT INTO tenant_storage (tenant_id, bytes)
SELECT tenant_id, sum(bytes) FROM (
    SELECT t.tenant_id, pg_column_size(t.*)::bigint AS bytes FROM run_records t
    UNION ALL SELECT t.tenant_id, pg_column_size(t.*)::bigint FROM shadow_changes t
    UNION ALL SELECT t.tenant_id, pg_column_size(t.*)::bigint FROM webhook_events t
) stored GROUP BY tenant_id;
ALTER TABLE run_records FORCE ROW LEVEL SECURITY;
ALTER TABLE shadow_changes FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_events FORCE ROW LEVEL SECURITY;

ALTER TABLE tenant_storage ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_storage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_storage
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

CREATE FUNCTION tenant_storage_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tenant_storage AS s (tenant_id, bytes)
        SELECT n.tenant_id, sum(pg_column_size(n.*)) FROM new_rows n GROUP BY n.tenant_id
        ON CONFLICT (tenant_id) DO UPDATE SET bytes = s.bytes + EXCLUDED.bytes;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO tenant_storage AS s (tenant_id, bytes)
        SELECT d.tenant_id, greatest(0, sum(d.bytes)) FROM (
            SELECT n.tenant_id, pg_column_size(n.*)::bigint AS bytes FROM new_rows n
            UNION ALL SELECT o.tenant_id, -pg_column_size(o.*)::bigint FROM old_rows o
        ) d GROUP BY d.tenant_id
        ON CONFLICT (tenant_id) DO UPDATE SET bytes = greatest(0, s.bytes + (
            SELECT coalesce(sum(pg_column_size(n.*)), 0) FROM new_rows n WHERE n.tenant_id = s.tenant_id)
            - (SELECT coalesce(sum(pg_column_size(o.*)), 0) FROM old_rows o WHERE o.tenant_id = s.tenant_id));
    ELSE
        UPDATE tenant_storage s SET bytes = greatest(0, s.bytes - d.bytes)
        FROM (SELECT o.tenant_id, sum(pg_column_size(o.*)) AS bytes FROM old_rows o GROUP BY o.tenant_id) d
        WHERE s.tenant_id = d.tenant_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER run_records_storage_insert AFTER INSERT ON run_records
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER run_records_storage_update AFTER UPDATE ON run_records
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER run_records_storage_delete AFTER DELETE ON run_records
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER shadow_changes_storage_insert AFTER INSERT ON shadow_changes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER shadow_changes_storage_update AFTER UPDATE ON shadow_changes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER shadow_changes_storage_delete AFTER DELETE ON shadow_changes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER webhook_events_storage_insert AFTER INSERT ON webhook_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER webhook_events_storage_update AFTER UPDATE ON webhook_events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER webhook_events_storage_delete AFTER DELETE ON webhook_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();

GRANT SELECT, INSERT, UPDATE ON tenant_storage TO ${appRole};
