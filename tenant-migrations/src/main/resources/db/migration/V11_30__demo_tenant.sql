-- The demo tenant the launcher creates on the first start when the demo setting is on (DD-041): one
-- row at most, naming the tenant and the connections the launcher made, so that every later start
-- finds them (the warehouse connection's egress grant is given again at each start) and the demo is
-- never created twice. A platform table: it is read before any tenant is chosen.
CREATE TABLE demo_tenant (
    singleton                boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    tenant_id                uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    owner_id                 uuid        NOT NULL,
    warehouse_connection_id  uuid,
    completed_at             timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON demo_tenant TO ${appRole};
