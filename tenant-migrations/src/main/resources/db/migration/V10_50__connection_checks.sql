-- Connection health (issue 13): the last periodic check of each connection's credentials and
-- reachability, since when it has been failing, and when its OAuth access can no longer be renewed
-- (refresh token expiry or, without a refresh token, access token expiry), when known.
CREATE TABLE connection_checks (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    connection_id     uuid        NOT NULL,
    checked_at        timestamptz NOT NULL,
    ok                boolean     NOT NULL,
    category          text        CHECK (category IS NULL OR length(category) <= 40),
    message           text        CHECK (message IS NULL OR length(message) <= 1000),
    failing_since     timestamptz,
    access_expires_at timestamptz,
    PRIMARY KEY (tenant_id, connection_id),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE,
    CHECK (ok = (failing_since IS NULL))
);

ALTER TABLE connection_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE connection_checks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connection_checks
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON connection_checks TO ${appRole};
