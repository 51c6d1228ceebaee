-- Ends portal sessions when their credentials change (DD-019). A portal session remembers the
-- value it saw at sign-in and is signed out at its next request once it differs: a password reset,
-- a password change and "sign out everywhere" set it to the time of the change.
ALTER TABLE users ADD COLUMN sessions_revoked_at timestamptz;
