-- DD-020: the access-token signing key no longer lives in the database. The application role could
-- read it with an ordinary SELECT (so could any SQL injection), and with it forge a token for any
-- user of any tenant. Embedded and dev installations keep it in a 0600 file in the data directory;
-- production configures TILLBRIDGE_JWT_SECRET. Tokens signed with the removed key stop working:
-- people sign in again once after the upgrade.
DROP TABLE IF EXISTS signing_keys;
