-- Tillbridge shared schema, version 6.1: integrations.
--
-- An integration moves one stream of a source connection into one object of a target connection.
-- Tenant-owned, under forced row-level security like every tenant table. The connections are not
-- foreign keys: a connection can be deleted while integrations still name it, and a run of such an
-- integration fails with a readable error instead.

CREATE TABLE integrations (
    tenant_id               uuid        NOT NULL REFERENCES tenants (id),
    id                      uuid        NOT NULL,
    name                    text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    source_connection_id    uuid        NOT NULL,
    source_stream           text        NOT NULL CHECK (length(source_stream) BETWEEN 1 AND 200),
    target_connection_id    uuid        NOT NULL,
    target_object           text        NOT NULL CHECK (length(target_object) BETWEEN 1 AND 200),
    mode                    text        NOT NULL DEFAULT 'shadow' CHECK (mode IN ('shadow', 'live')),
    status                  text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    mapping                 text        NOT NULL DEFAULT 'identity' CHECK (mapping IN ('identity')),
    version                 integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX integrations_by_creation ON integrations (tenant_id, created_at, id);

ALTER TABLE integrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE integrations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integrations
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON integrations TO ${appRole};
