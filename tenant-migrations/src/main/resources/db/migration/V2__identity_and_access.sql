-- Tillbridge shared schema, version 2: identity, tenant membership, partners, support access.
--
-- Platform tables (no row-level security; reached only through platform services that check
-- the caller first): memberships, auth tokens, partners and their keys and grants,
-- impersonations, idempotency records, signing keys. Tenant-owned tables (row-level security
-- forced, as in V1): tenant_settings, invitations.

ALTER TABLE tenants ADD COLUMN suspended_at timestamptz;
ALTER TABLE tenants ADD COLUMN suspended_reason text;

ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE locations ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE locations ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Which users belong to which tenant, and with which role.
CREATE TABLE memberships (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    user_id     uuid        NOT NULL REFERENCES users (id),
    role        text        NOT NULL CHECK (role IN ('owner', 'admin', 'operator', 'viewer')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- One-time tokens sent by mail (email verification, password reset). Only a hash is stored.
CREATE TABLE email_tokens (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    purpose     text        NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    token_hash  bytea       NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_tokens_by_user ON email_tokens (user_id, purpose);

-- Refresh tokens: opaque, stored as a hash, rotated on every use. A reused (already rotated)
-- token revokes its whole family, since it means the token was stolen.
CREATE TABLE refresh_tokens (
    id              uuid        PRIMARY KEY,
    family_id       uuid        NOT NULL,
    user_id         uuid        NOT NULL REFERENCES users (id),
    token_hash      bytea       NOT NULL UNIQUE,
    expires_at      timestamptz NOT NULL,
    rotated_at      timestamptz,
    revoked_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);

-- Partners (integrators, agencies) and their API keys. A key is shown once; we keep its prefix
-- (to find it) and a hash of its secret part.
CREATE TABLE partners (
    id             uuid        PRIMARY KEY,
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    contact_email  text        NOT NULL CHECK (position('@' IN contact_email) > 1),
    owner_user_id  uuid        REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE partner_keys (
    id            uuid        PRIMARY KEY,
    partner_id    uuid        NOT NULL REFERENCES partners (id),
    name          text        NOT NULL,
    prefix        text        NOT NULL UNIQUE,
    secret_hash   bytea       NOT NULL,
    scopes        text[]      NOT NULL CHECK (scopes <@ ARRAY['read', 'write', 'admin']::text[] AND cardinality(scopes) > 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX partner_keys_by_partner ON partner_keys (partner_id);

-- A merchant's grant of access to its tenant for one partner.
CREATE TABLE partner_grants (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    partner_id  uuid        NOT NULL REFERENCES partners (id),
    granted_by  uuid        REFERENCES users (id),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, partner_id)
);
CREATE INDEX partner_grants_by_partner ON partner_grants (partner_id);

-- Time-limited support access to a tenant, read-only until write access is confirmed.
CREATE TABLE impersonations (
    id                  uuid        PRIMARY KEY,
    support_user_id     uuid        NOT NULL REFERENCES users (id),
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    reason              text        NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
    started_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    write_confirmed_at  timestamptz,
    ended_at            timestamptz
);
CREATE INDEX impersonations_by_tenant ON impersonations (tenant_id, started_at DESC);

-- Results of creating POSTs by Idempotency-Key: the same key and body replay the first result.
CREATE TABLE idempotency_records (
    scope         text        NOT NULL,
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash  bytea       NOT NULL,
    status        integer,
    content_type  text,
    location      text,
    body          bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_records_by_age ON idempotency_records (created_at);

-- Keys the platform signs its access tokens with, shared by every process of an installation.
CREATE TABLE signing_keys (
    id          text        PRIMARY KEY,
    secret      bytea       NOT NULL CHECK (length(secret) >= 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE audit_log ADD COLUMN request_id text;

-- Tenant-owned tables ---------------------------------------------------------------------

-- The merchant's business settings and the KPI targets set before go-live; one row per tenant.
CREATE TABLE tenant_settings (
    tenant_id                      uuid          PRIMARY KEY REFERENCES tenants (id),
    business_name                  text          NOT NULL CHECK (length(business_name) BETWEEN 1 AND 200),
    currency                       char(3)       NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    manual_minutes_per_record      numeric(8, 2) CHECK (manual_minutes_per_record >= 0),
    hourly_staff_cost              numeric(12, 2) CHECK (hourly_staff_cost >= 0),
    target_error_rate              numeric(6, 5) CHECK (target_error_rate BETWEEN 0 AND 1),
    target_completion_minutes      integer       CHECK (target_completion_minutes > 0),
    version                        integer       NOT NULL DEFAULT 1,
    updated_at                     timestamptz   NOT NULL DEFAULT now()
);
ALTER TABLE tenant_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_settings
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Invitations to join a tenant. The mailed token is "<tenant id>.<secret>"; only a hash of the
-- secret is stored, and accepting it happens inside that tenant's scope.
CREATE TABLE invitations (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL,
    email        text        NOT NULL CHECK (position('@' IN email) > 1),
    role         text        NOT NULL CHECK (role IN ('owner', 'admin', 'operator', 'viewer')),
    token_hash   bytea       NOT NULL,
    invited_by   uuid        REFERENCES users (id),
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    accepted_by  uuid        REFERENCES users (id),
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX invitations_token ON invitations (tenant_id, token_hash);
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Grants for the application role --------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, email_tokens, refresh_tokens, partners,
    partner_keys, partner_grants, impersonations, idempotency_records, tenant_settings, invitations
    TO ${appRole};
GRANT SELECT, INSERT ON signing_keys TO ${appRole};
