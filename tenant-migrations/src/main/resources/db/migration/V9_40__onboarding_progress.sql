-- The onboarding wizard (DD-031): what a tenant's state cannot tell. Most steps are derived from
-- the tenant's data (locations, connections, integrations, pinned mapping, runs, mode); only the
-- steps a merchant confirms without leaving data behind are stored here, with the integration and
-- the shadow run the wizard made, so that leaving and returning resumes where the merchant was.

CREATE TABLE onboarding_progress (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    confirmed_steps text[]      NOT NULL DEFAULT '{}',
    integration_id  uuid,
    shadow_run_id   uuid,
    -- The OAuth authorization the wizard started last: its grant returns the browser to the wizard.
    oauth_authorization_id uuid,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
);

ALTER TABLE onboarding_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE onboarding_progress FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON onboarding_progress
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON onboarding_progress TO ${appRole};
