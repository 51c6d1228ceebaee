-- Tillbridge shared schema, version 9.20: vendor webhooks per connection (see DD-028).
--
-- A connection whose connector receives its vendor's webhooks has one route with an unguessable id.
-- Its signing secret (Square's signature key, ...) is sealed by the secrets vault (DD-008), bound to
-- (tenant, route id, field); null until the subscription is registered or the secret entered.
CREATE TABLE vendor_hook_routes (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    id                  uuid        NOT NULL,
    connection_id       uuid        NOT NULL,
    subscription_id     text        CHECK (length(subscription_id) BETWEEN 1 AND 200),
    subscription_state  text        NOT NULL DEFAULT 'none'
                                    CHECK (subscription_state IN ('none', 'registered', 'failed', 'entered')),
    subscription_error  text        CHECK (length(subscription_error) <= 1000),
    notification_url    text        CHECK (length(notification_url) <= 2000),
    secret_ciphertext   bytea,
    secret_nonce        bytea       CHECK (length(secret_nonce) = 12),
    secret_wrapped_dek  bytea,
    secret_kek_id       text,
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, connection_id),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE,
    CHECK ((secret_ciphertext IS NULL) = (secret_kek_id IS NULL))
);

ALTER TABLE vendor_hook_routes ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendor_hook_routes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vendor_hook_routes
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Which tenant a route id belongs to, for the public route, which has no credential to name a
-- tenant. Platform table: ids only; the foreign key keeps each row bound to its route's real tenant.
CREATE TABLE vendor_hook_lookup (
    route_id            uuid        PRIMARY KEY,
    tenant_id           uuid        NOT NULL,
    FOREIGN KEY (tenant_id, route_id) REFERENCES vendor_hook_routes (tenant_id, id) ON DELETE CASCADE
);

-- Verified events, stored before the vendor gets its 2xx; one row per (connection, vendor event id),
-- so a redelivery, even a concurrent one, is stored once.
CREATE TABLE vendor_hook_events (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    connection_id       uuid        NOT NULL,
    event_id            text        NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
    type                text        NOT NULL CHECK (length(type) BETWEEN 1 AND 200),
    occurred_at         timestamptz,
    received_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    payload             bytea       NOT NULL,
    PRIMARY KEY (tenant_id, connection_id, event_id),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE vendor_hook_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendor_hook_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vendor_hook_events
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- The objects an event names, one row per integration that reads the object's stream from the
-- connection: pending until a run of that integration writes (or skips) it. A refund whose order
-- has not been written yet is 'waiting'. record is the object when the vendor sent it whole.
CREATE TABLE vendor_hook_changes (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    id                  bigint      GENERATED ALWAYS AS IDENTITY,
    integration_id      uuid        NOT NULL,
    connection_id       uuid        NOT NULL,
    event_id            text        NOT NULL,
    stream              text        NOT NULL CHECK (length(stream) BETWEEN 1 AND 200),
    source_key          text        NOT NULL CHECK (length(source_key) BETWEEN 1 AND 500),
    version             text        CHECK (length(version) <= 200),
    deleted             boolean     NOT NULL DEFAULT false,
    record              jsonb,
    status              text        NOT NULL DEFAULT 'pending'
                                    CHECK (status IN ('pending', 'waiting', 'written', 'skipped')),
    note                text        CHECK (length(note) <= 1000),
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    done_at             timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, integration_id) REFERENCES integrations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, connection_id, event_id)
        REFERENCES vendor_hook_events (tenant_id, connection_id, event_id) ON DELETE CASCADE
);

CREATE INDEX vendor_hook_changes_open ON vendor_hook_changes (tenant_id, integration_id, id)
    WHERE status IN ('pending', 'waiting');
CREATE INDEX vendor_hook_changes_open_by_connection ON vendor_hook_changes (tenant_id, connection_id, status)
    WHERE status IN ('pending', 'waiting');

ALTER TABLE vendor_hook_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE vendor_hook_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vendor_hook_changes
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- The source version each integration last wrote per source key (the ledger keeps a hash of the
-- mapped output, which cannot be ordered): an older event never overwrites a newer write, and a
-- refund can see whether its order was written.
CREATE TABLE source_versions (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    integration_id      uuid        NOT NULL,
    source_key          text        NOT NULL,
    connection_id       uuid        NOT NULL,
    stream              text        NOT NULL,
    version             text        NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, integration_id, source_key),
    FOREIGN KEY (tenant_id, integration_id) REFERENCES integrations (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX source_versions_by_connection ON source_versions (tenant_id, connection_id, stream, source_key);

ALTER TABLE source_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE source_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON source_versions
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON vendor_hook_routes, vendor_hook_changes, source_versions TO ${appRole};
GRANT SELECT, INSERT, DELETE ON vendor_hook_events TO ${appRole};
GRANT SELECT, INSERT, DELETE ON vendor_hook_lookup TO ${appRole};
