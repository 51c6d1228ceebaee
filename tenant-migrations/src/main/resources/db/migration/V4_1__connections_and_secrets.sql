-- Tillbridge shared schema, version 4.1: connections to outside systems and their secrets.
--
-- A connection names a connector (its stable id, e.g. http-json) and holds the connector's config.
-- Non-secret config fields live in connections.config (jsonb). Fields that the connector's config
-- schema marks x-secret are never stored there: each is a row of connection_secrets, encrypted by
-- the platform's vault (see DD-008): AES-256-GCM under a per-secret data key (DEK), the DEK wrapped
-- with AES key wrap (RFC 3394) under a key-encryption key (KEK) named by kek_id. The KEK itself is
-- configuration and is never stored in the database.

CREATE TABLE connections (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    id                  uuid        NOT NULL,
    connector_id        text        NOT NULL CHECK (connector_id ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
    name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    config              jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
    last_check_status   text        CHECK (last_check_status IN ('OK', 'CONFIG', 'AUTH', 'TRANSIENT', 'SYSTEM')),
    last_check_message  text,
    last_checked_at     timestamptz,
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX connections_by_creation ON connections (tenant_id, created_at, id);

ALTER TABLE connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connections
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- One encrypted secret field of a connection. The GCM additional data binds the ciphertext to
-- (tenant_id, connection_id, field), so a ciphertext copied to another row does not decrypt.
CREATE TABLE connection_secrets (
    tenant_id       uuid        NOT NULL,
    connection_id   uuid        NOT NULL,
    field           text        NOT NULL CHECK (length(field) BETWEEN 1 AND 200),
    ciphertext      bytea       NOT NULL,
    nonce           bytea       NOT NULL CHECK (length(nonce) = 12),
    wrapped_dek     bytea       NOT NULL,
    kek_id          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, connection_id, field),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);

-- Key rotation finds the DEKs still wrapped by another KEK, tenant by tenant.
CREATE INDEX connection_secrets_by_kek ON connection_secrets (tenant_id, kek_id);

ALTER TABLE connection_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE connection_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connection_secrets
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON connections, connection_secrets TO ${appRole};
