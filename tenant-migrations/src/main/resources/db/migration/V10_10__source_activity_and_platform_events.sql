-- Source activity (issue 13). Per integration and vendor location (the record's location_id, ''
-- for records without one): when the newest source record was created and when data last arrived
-- (freshness), and how many records new to that location were created in each hour (UTC). The
-- "data stopped arriving" rule learns a location's usual activity per weekday and hour from these.
CREATE TABLE source_freshness (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    integration_id    uuid        NOT NULL,
    location          text        NOT NULL CHECK (length(location) <= 200),
    newest_record_at  timestamptz NOT NULL,
    arrived_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, integration_id, location)
);

ALTER TABLE source_freshness ENABLE ROW LEVEL SECURITY;
ALTER TABLE source_freshness FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON source_freshness
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON source_freshness TO ${appRole};

CREATE TABLE source_activity (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id),
    integration_id  uuid        NOT NULL,
    location        text        NOT NULL CHECK (length(location) <= 200),
    hour            timestamptz NOT NULL CHECK (date_trunc('hour', hour) = hour),
    records         bigint      NOT NULL CHECK (records > 0),
    PRIMARY KEY (tenant_id, integration_id, location, hour)
);

ALTER TABLE source_activity ENABLE ROW LEVEL SECURITY;
ALTER TABLE source_activity FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON source_activity
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON source_activity TO ${appRole};

-- What happened in a tenant, as events that partners and merchants subscribe to (run succeeded or
-- failed, record error opened, alert opened or resolved, connection broken, day closed). Written
-- in the same transaction as the change it tells of, so that no event is lost or told of a change
-- that rolled back; seq orders them for the dispatcher.
CREATE TABLE platform_events (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL,
    seq          bigint      GENERATED ALWAYS AS IDENTITY,
    type         text        NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
    occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    data         jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX platform_events_seq ON platform_events (tenant_id, seq);
CREATE INDEX platform_events_tenant_time ON platform_events (tenant_id, occurred_at);

ALTER TABLE platform_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform_events
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, DELETE ON platform_events TO ${appRole};
