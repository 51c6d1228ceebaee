-- Integrations installed from a template (DD-039): the template and the version of it an
-- integration came from, the template's key of that integration ("orders", "lines"), and the
-- install it was made by (the integrations one install made share it). All null for an
-- integration made by hand, all set for one made by an install. Set once, at the install, and kept
-- when the merchant changes the integration afterwards, so that an upgrade to a newer version of
-- the template can find what it would replace. No index: nothing looks integrations up by them yet.
ALTER TABLE integrations
    ADD COLUMN template_id text CHECK (template_id IS NULL OR template_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    ADD COLUMN template_version integer CHECK (template_version IS NULL OR template_version >= 1),
    ADD COLUMN template_key text CHECK (template_key IS NULL OR template_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    ADD COLUMN template_install_id uuid,
    ADD CONSTRAINT integrations_template_origin CHECK (
        (template_id IS NULL AND template_version IS NULL AND template_key IS NULL AND template_install_id IS NULL)
        OR (template_id IS NOT NULL AND template_version IS NOT NULL AND template_key IS NOT NULL
            AND template_install_id IS NOT NULL));
