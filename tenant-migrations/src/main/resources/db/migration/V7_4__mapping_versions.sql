-- Tillbridge shared schema, version 7.4: mapping versions.
--
-- A mapping is data: each save of an integration's mapping is a new, immutable version (the spec as
-- JSON). An integration pins one version; older versions stay readable. Tenant-owned, under forced
-- row-level security like every tenant table. Deleting an integration deletes its versions.

CREATE TABLE mapping_versions (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    integration_id   uuid        NOT NULL,
    version          integer     NOT NULL CHECK (version >= 1),
    spec             jsonb       NOT NULL CHECK (jsonb_typeof(spec) = 'object'),
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_by       text        NOT NULL,
    created_by_label text,
    PRIMARY KEY (tenant_id, integration_id, version),
    FOREIGN KEY (tenant_id, integration_id) REFERENCES integrations (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE mapping_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE mapping_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mapping_versions
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Versions are never changed; they go only with their integration.
GRANT SELECT, INSERT, DELETE ON mapping_versions TO ${appRole};

-- The version an integration runs with; null: none pinned yet (the identity mapping).
ALTER TABLE integrations ADD COLUMN mapping_version integer CHECK (mapping_version >= 1);
