-- Alerts (issue 13): rules per integration, the alerts they open, the tenant's channels and the
-- log of what was sent on each channel.

-- Which vendor location (the location_id of the source records) a location of the tenant stands
-- for: the "data stopped arriving" rule reads that location's time zone.
ALTER TABLE locations ADD COLUMN vendor_location_id text
    CHECK (vendor_location_id IS NULL OR length(vendor_location_id) BETWEEN 1 AND 200);

-- One rule of each kind per integration, created with defaults when it is first evaluated or listed.
-- threshold: failed runs in a row (consecutive_failures), queued runs (backlog), minimum silence in
-- minutes (data_stopped); unused by the rules that compare with the tenant's KPI targets.
-- growth: open errors added over growth_hours (backlog). factor and learn_weeks: data_stopped.
-- channel_ids: the channels to notify; NULL means every channel of the tenant.
CREATE TABLE alert_rules (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    id                uuid        NOT NULL,
    integration_id    uuid        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('consecutive_failures', 'error_rate', 'completion_time',
                                      'credentials', 'data_stopped', 'backlog')),
    enabled           boolean     NOT NULL DEFAULT true,
    threshold         integer     NOT NULL CHECK (threshold BETWEEN 1 AND 100000),
    growth            integer     CHECK (growth IS NULL OR growth BETWEEN 1 AND 1000000),
    growth_hours      integer     CHECK (growth_hours IS NULL OR growth_hours BETWEEN 1 AND 168),
    factor            numeric(6, 2) CHECK (factor IS NULL OR factor BETWEEN 1 AND 100),
    learn_weeks       integer     CHECK (learn_weeks IS NULL OR learn_weeks BETWEEN 2 AND 12),
    renotify_minutes  integer     NOT NULL DEFAULT 240 CHECK (renotify_minutes BETWEEN 15 AND 10080),
    channel_ids       uuid[]      CHECK (channel_ids IS NULL OR cardinality(channel_ids) <= 20),
    version           integer     NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, integration_id, kind),
    FOREIGN KEY (tenant_id, integration_id) REFERENCES integrations (tenant_id, id) ON DELETE CASCADE
);

-- subject: what the alert is about within its rule's integration ('' for the integration itself,
-- a connection id for credentials, a vendor location for data_stopped).
CREATE TABLE alerts (
    tenant_id         uuid        NOT NULL REFERENCES tenants (id),
    id                uuid        NOT NULL,
    rule_id           uuid        NOT NULL,
    integration_id    uuid        NOT NULL,
    kind              text        NOT NULL,
    subject           text        NOT NULL CHECK (length(subject) <= 200),
    status            text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    title             text        NOT NULL CHECK (length(title) <= 300),
    message           text        NOT NULL CHECK (length(message) <= 2000),
    api_path          text        NOT NULL,
    portal_path       text        NOT NULL,
    opened_at         timestamptz NOT NULL,
    last_notified_at  timestamptz NOT NULL,
    notifications     integer     NOT NULL DEFAULT 1,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    snoozed_until     timestamptz,
    resolved_at       timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, rule_id) REFERENCES alert_rules (tenant_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX alerts_one_open ON alerts (tenant_id, rule_id, subject) WHERE status = 'open';
CREATE INDEX alerts_by_time ON alerts (tenant_id, status, opened_at DESC);

CREATE TABLE alert_channels (
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    id                  uuid        NOT NULL,
    name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind                text        NOT NULL CHECK (kind IN ('email', 'chat', 'webhook')),
    addresses           text[]      CHECK (addresses IS NULL OR cardinality(addresses) BETWEEN 1 AND 10),
    url                 text        CHECK (url IS NULL OR length(url) <= 2000),
    secret_ciphertext   bytea,
    secret_nonce        bytea,
    secret_wrapped_dek  bytea,
    secret_kek_id       text,
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((kind = 'email') = (addresses IS NOT NULL)),
    CHECK ((kind = 'email') = (url IS NULL)),
    CHECK ((kind = 'webhook') = (secret_ciphertext IS NOT NULL))
);

-- What is to be sent and what was sent, per channel: pending rows are the outbox that the sender
-- works through (with back-off after failures); the rest are the channel's delivery log.
CREATE TABLE alert_deliveries (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL,
    channel_id       uuid        NOT NULL,
    alert_id         uuid,
    kind             text        NOT NULL CHECK (kind IN ('opened', 'renotified', 'resolved', 'test')),
    payload          jsonb       NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    done_at          timestamptz,
    status_code      integer,
    error            text        CHECK (error IS NULL OR length(error) <= 500),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, channel_id) REFERENCES alert_channels (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX alert_deliveries_by_channel ON alert_deliveries (tenant_id, channel_id, created_at DESC);
CREATE INDEX alert_deliveries_pending ON alert_deliveries (tenant_id, next_attempt_at) WHERE status = 'pending';

ALTER TABLE alert_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_rules
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alerts
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE alert_channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_channels FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_channels
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE alert_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_deliveries
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON alert_rules TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON alerts TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_channels TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_deliveries TO ${appRole};
