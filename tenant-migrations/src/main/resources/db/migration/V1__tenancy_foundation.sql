-- Tillbridge shared schema, version 1: the tenancy foundation.
--
-- One schema for all tenants. Platform tables (tenants, users, audit_log) are reached only
-- through platform services; tenant-owned tables carry tenant_id as the leading key column and
-- are protected by row-level security that is ENABLED and FORCED, so even the owner of a table
-- sees only the rows of the tenant set for the current transaction.
--
-- The application connects as ${appRole}, a role that owns nothing: it gets exactly the grants
-- below and can never disable or bypass row-level security.

-- The tenant of the current transaction, set by the application with
-- set_config('app.tenant_id', <uuid>, true) (transaction-local). NULLIF matters: once a pooled
-- session has seen a transaction-local value, the setting reverts to '' (not NULL) afterwards.
CREATE FUNCTION app_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- Platform tables -------------------------------------------------------------------------

CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    plan        text        NOT NULL DEFAULT 'free',
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                 uuid        PRIMARY KEY,
    email              text        NOT NULL CHECK (position('@' IN email) > 1),
    display_name       text,
    password_hash      text,
    platform_role      text        CHECK (platform_role IN ('support', 'superadmin')),
    email_verified_at  timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Append-only record of every configuration change and support action.
CREATE TABLE audit_log (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid        REFERENCES tenants (id),
    actor_kind   text        NOT NULL CHECK (actor_kind IN ('user', 'partner', 'support', 'system')),
    actor_id     text,
    on_behalf_of text,
    action       text        NOT NULL,
    target_type  text,
    target_id    text,
    before       jsonb,
    after        jsonb,
    occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, occurred_at DESC, id DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Tenant-owned tables ---------------------------------------------------------------------

-- A merchant's store or site: its time zone and business-day close-out hour decide which
-- business day a sale belongs to.
CREATE TABLE locations (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    id              uuid        NOT NULL,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    time_zone       text        NOT NULL,
    close_out_hour  smallint    NOT NULL DEFAULT 4 CHECK (close_out_hour BETWEEN 0 AND 23),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
ALTER TABLE locations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON locations
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- Grants for the application role --------------------------------------------------------

GRANT USAGE ON SCHEMA public TO ${appRole};
GRANT EXECUTE ON FUNCTION app_current_tenant() TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, locations TO ${appRole};
GRANT SELECT, INSERT ON audit_log TO ${appRole};
