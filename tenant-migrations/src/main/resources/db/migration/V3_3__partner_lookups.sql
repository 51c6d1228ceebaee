-- Tillbridge shared schema, version 3.3: lookups of the partner API.
--
-- A user's partner accounts are listed by owner, oldest first (keyset pages on created_at, id).
CREATE INDEX partners_by_owner ON partners (owner_user_id, created_at, id);
