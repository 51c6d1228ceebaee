-- OAuth connect and sandbox connections (DD-029).
--
-- A sandbox connection talks to a vendor sandbox that ships with the product and that the platform
-- runs on loopback; the flag survives a restart, when the sandbox is started again with the same
-- seed on first use.
ALTER TABLE connections ADD COLUMN sandbox boolean NOT NULL DEFAULT false;

-- A started OAuth authorization: the single-use state's SHA-256 (never the state itself), who
-- started it in which tenant, and the connection to create once the vendor sends the code back.
-- config holds the non-secret fields only.
CREATE TABLE oauth_states (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL,
    state_hash      bytea       NOT NULL CHECK (length(state_hash) = 32),
    actor_kind      text        NOT NULL,
    actor_id        text        NOT NULL,
    actor_label     text,
    connector_id    text        NOT NULL,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    config          jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
    sandbox         boolean     NOT NULL DEFAULT false,
    redirect_uri    text        NOT NULL,
    expires_at      timestamptz NOT NULL,
    consumed_at     timestamptz,
    connection_id   uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, state_hash)
);

CREATE INDEX oauth_states_by_expiry ON oauth_states (tenant_id, expires_at);

ALTER TABLE oauth_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE oauth_states FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON oauth_states
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Which tenant a state belongs to, for the anonymous callback, which has no credential but the
-- state to name a tenant. Platform table: hashes and ids only; the foreign key keeps each row bound
-- to its state's real tenant (like webhook_routes).
CREATE TABLE oauth_state_routes (
    state_hash      bytea       PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    state_id        uuid        NOT NULL,
    FOREIGN KEY (tenant_id, state_id) REFERENCES oauth_states (tenant_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, UPDATE, DELETE ON oauth_states TO ${appRole};
GRANT SELECT, INSERT, DELETE ON oauth_state_routes TO ${appRole};
