-- Tillbridge shared schema, version 3.2: the tenant's own configuration and team.
--
-- Settings, locations, members and invitations are changed through the public API with the
-- conventions of every updatable resource: a version for If-Match, and lists paged by a cursor
-- over (created_at, id).

-- A member's role is updated with If-Match like any other resource, so memberships get a version.
ALTER TABLE memberships ADD COLUMN version integer NOT NULL DEFAULT 1;

-- The completion-time KPI target is a decimal number of minutes, zero or more, like the other
-- KPI targets (V2 had a whole, strictly positive number).
ALTER TABLE tenant_settings DROP CONSTRAINT tenant_settings_target_completion_minutes_check;
ALTER TABLE tenant_settings ALTER COLUMN target_completion_minutes TYPE numeric(8, 2);
ALTER TABLE tenant_settings ADD CONSTRAINT tenant_settings_target_completion_minutes_check
    CHECK (target_completion_minutes >= 0);

-- Cursor pages: each list is ordered by creation time, then id.
CREATE INDEX locations_by_creation ON locations (tenant_id, created_at, id);
CREATE INDEX memberships_by_creation ON memberships (tenant_id, created_at, user_id);
CREATE INDEX invitations_by_creation ON invitations (tenant_id, created_at, id);

-- Pending invitations of one address (a new invitation replaces the pending ones).
CREATE INDEX invitations_pending_by_email ON invitations (tenant_id, lower(email))
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
