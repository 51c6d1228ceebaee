-- Partner connect links (DD-030).
--
-- The redirect URLs a partner registered: where a merchant's browser is sent back after a connect
-- link, compared exactly at use. Platform table: a partner serves many tenants.
CREATE TABLE partner_redirect_urls (
    partner_id      uuid        NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    url             text        NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, url)
);

-- A connect session a partner created for one tenant: the single-use token's SHA-256 (never the
-- token), what to connect, where to send the merchant back, and how far it got. pending -> opened
-- (a member signed in and saw it; bound to that member) -> authorizing (OAuth started) ->
-- completed or declined. Expiry is by time, not by a status change.
CREATE TABLE connect_links (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL,
    token_hash      bytea       NOT NULL CHECK (length(token_hash) = 32),
    partner_id      uuid        NOT NULL,
    partner_key_id  uuid        NOT NULL,
    connector_id    text        NOT NULL CHECK (length(connector_id) BETWEEN 1 AND 100),
    redirect_url    text        NOT NULL CHECK (length(redirect_url) BETWEEN 8 AND 2000),
    client_state    text        CHECK (length(client_state) <= 500),
    sandbox         boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'opened', 'authorizing', 'completed', 'declined')),
    expires_at      timestamptz NOT NULL,
    opened_by       uuid,
    opened_at       timestamptz,
    authorization_id uuid,
    connection_id   uuid,
    finished_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);

CREATE INDEX connect_links_by_authorization ON connect_links (tenant_id, authorization_id)
    WHERE authorization_id IS NOT NULL;
CREATE INDEX connect_links_by_expiry ON connect_links (tenant_id, expires_at);

ALTER TABLE connect_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE connect_links FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connect_links
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Which tenant a token belongs to, for the portal page, which learns the tenant only from the
-- token. Platform table: hashes and ids only; the foreign key keeps each row bound to its link's
-- real tenant (like oauth_state_routes).
CREATE TABLE connect_link_routes (
    token_hash      bytea       PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    link_id         uuid        NOT NULL,
    FOREIGN KEY (tenant_id, link_id) REFERENCES connect_links (tenant_id, id) ON DELETE CASCADE
);

GRANT SELECT, INSERT, DELETE ON partner_redirect_urls TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON connect_links TO ${appRole};
GRANT SELECT, INSERT, DELETE ON connect_link_routes TO ${appRole};
