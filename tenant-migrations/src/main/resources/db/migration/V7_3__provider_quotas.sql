-- Tillbridge shared schema, version 7.3: provider request quotas (see DD-014).
--
-- One token bucket per (provider rate class, merchant account), shared by every run in every
-- worker process. A platform table without row-level security: workers serve all tenants. It holds
-- no tenant data: the account is stored only as a SHA-256 hash (of the provider's account id, or
-- of the tenant and connection when the account is not known), never as the id itself.
--
--   tokens         permits left at refilled_at (the bucket refills by elapsed time at the rate
--                  the acquiring process is configured with, up to its burst)
--   refilled_at    when tokens was last brought up to date
--   blocked_until  no permit before this time: the Retry-After of the last 429, from any run
-- All times are the database server's clock, so that processes on different hosts agree.

CREATE TABLE provider_quotas (
    provider        text        NOT NULL CHECK (provider ~ '^[a-z][a-z0-9-]{0,39}$'),
    account_hash    bytea       NOT NULL CHECK (octet_length(account_hash) = 32),
    tokens          numeric     NOT NULL,
    refilled_at     timestamptz NOT NULL,
    blocked_until   timestamptz NOT NULL,
    PRIMARY KEY (provider, account_hash)
) WITH (fillfactor = 50);  -- every permit updates a row: room on the page keeps the updates HOT

GRANT SELECT, INSERT, UPDATE ON provider_quotas TO ${appRole};
