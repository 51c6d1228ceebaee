-- Outbound event webhooks (issue 13, DD-033). A tenant subscribes URLs to event types of
-- platform_events; the dispatcher turns each new event into one delivery per matching enabled
-- subscription, and the sender posts it, signed in the Standard Webhooks style, until it is
-- delivered or its retries are spent.
CREATE TABLE webhook_subscriptions (
    tenant_id             uuid        NOT NULL REFERENCES tenants (id),
    id                    uuid        NOT NULL,
    url                   text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    event_types           text[]      NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 20),
    description           text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    enabled               boolean     NOT NULL DEFAULT true,
    disabled_reason       text        CHECK (length(disabled_reason) <= 1000),
    -- Events with a seq at or below this one happened before the subscription existed.
    from_seq              bigint      NOT NULL DEFAULT 0,
    consecutive_failures  integer     NOT NULL DEFAULT 0,
    failing_since         timestamptz,
    version               integer     NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

ALTER TABLE webhook_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_subscriptions
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscriptions TO ${appRole};

-- Signing secrets, sealed by the vault (bound to tenant, secret id and field). The newest signs;
-- a replaced one keeps signing beside it until expires_at (the rotation overlap).
CREATE TABLE webhook_subscription_secrets (
    tenant_id          uuid        NOT NULL REFERENCES tenants (id),
    id                 uuid        NOT NULL,
    subscription_id    uuid        NOT NULL,
    secret_ciphertext  bytea       NOT NULL,
    secret_nonce       bytea       NOT NULL,
    secret_wrapped_dek bytea       NOT NULL,
    secret_kek_id      text        NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES webhook_subscriptions (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX webhook_subscription_secrets_by_subscription ON webhook_subscription_secrets (tenant_id, subscription_id);

ALTER TABLE webhook_subscription_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_subscription_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_subscription_secrets
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_subscription_secrets TO ${appRole};

-- One delivery per event and subscription (the unique key makes the dispatcher idempotent).
CREATE TABLE webhook_deliveries (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL,
    subscription_id  uuid        NOT NULL,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    payload          jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         integer     NOT NULL DEFAULT 0,
    -- Attempts since the delivery was created or last replayed: the step of the retry schedule.
    round_attempts   integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text        CHECK (length(last_error) <= 1000),
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, event_id, subscription_id),
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES webhook_subscriptions (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (tenant_id, subscription_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (tenant_id, created_at);

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO ${appRole};

-- Every attempt of a delivery: when, the answer (status code, or the error), how long, and the
-- start of the response body.
CREATE TABLE webhook_delivery_attempts (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    delivery_id    uuid        NOT NULL,
    attempt        integer     NOT NULL,
    attempted_at   timestamptz NOT NULL,
    status_code    integer,
    error          text        CHECK (length(error) <= 1000),
    duration_ms    bigint      NOT NULL,
    response_excerpt text      CHECK (length(response_excerpt) <= 2000),
    PRIMARY KEY (tenant_id, delivery_id, attempt),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE webhook_delivery_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_delivery_attempts
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_delivery_attempts TO ${appRole};

-- The dispatcher's place in each subscribing tenant's event log (tenant table: it reads that
-- tenant's events in the tenant's transaction).
CREATE TABLE webhook_dispatch_cursors (
    tenant_id  uuid   NOT NULL PRIMARY KEY REFERENCES tenants (id),
    last_seq   bigint NOT NULL
);

ALTER TABLE webhook_dispatch_cursors ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_dispatch_cursors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_dispatch_cursors
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_dispatch_cursors TO ${appRole};

-- Platform tables for cross-tenant background work, as run_queue is for runs: which tenants have
-- subscriptions (the dispatcher visits only those), and the deliveries due, which senders claim
-- across tenants with FOR UPDATE SKIP LOCKED. They hold ids and times only, never payloads.
CREATE TABLE webhook_subscribers (
    tenant_id  uuid NOT NULL PRIMARY KEY REFERENCES tenants (id)
);

GRANT SELECT, INSERT, DELETE ON webhook_subscribers TO ${appRole};

CREATE TABLE webhook_queue (
    delivery_id      uuid        NOT NULL PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    subscription_id  uuid        NOT NULL,
    due_at           timestamptz NOT NULL,
    lease_owner      text,
    lease_until      timestamptz
);

CREATE INDEX webhook_queue_due ON webhook_queue (due_at);
CREATE INDEX webhook_queue_subscription ON webhook_queue (subscription_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_queue TO ${appRole};

-- Business days told of (day.closed): one event per location and local date.
CREATE TABLE closed_business_days (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    location_id  uuid        NOT NULL,
    business_day date        NOT NULL,
    closed_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, location_id, business_day)
);

ALTER TABLE closed_business_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE closed_business_days FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON closed_business_days
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

GRANT SELECT, INSERT, DELETE ON closed_business_days TO ${appRole};
