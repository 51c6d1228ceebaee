-- Spreadsheets (DD-038): the files uploaded to a connection (a spreadsheet source reads them), and
-- the rows of the files a connection produces (a spreadsheet target writes them; the platform
-- renders them as CSV or XLSX when they are downloaded).
--
-- An upload's bytes are kept in chunks of at most 1 MiB (bytea rows, not large objects: large
-- objects live outside any tenant table, where row-level security cannot guard them). The chunks
-- of an upload are written before its file row, in the same transaction (the foreign key is
-- checked at commit), so that the file row and its sequence number appear, at commit, with every
-- byte already there. Deleting a connection deletes its files, chunks and output rows.
--
-- Storage (DD-021): an upload counts its size in tenant_storage (a trigger on connection_files, one
-- upsert per statement); output rows count as the other stored rows do (pg_column_size, the
-- triggers of V8_41).

CREATE TABLE connection_files (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    id             uuid        NOT NULL,
    connection_id  uuid        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence >= 1),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    size           bigint      NOT NULL CHECK (size >= 1),
    sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type   text        CHECK (content_type IS NULL OR length(content_type) <= 200),
    chunk_size     integer     NOT NULL CHECK (chunk_size BETWEEN 1 AND 1048576),
    uploaded_at    timestamptz NOT NULL,
    uploaded_by    text        NOT NULL CHECK (length(uploaded_by) <= 300),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, connection_id, sequence),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);

-- "Was this file uploaded before?" by its digest.
CREATE INDEX connection_files_by_digest ON connection_files (tenant_id, connection_id, sha256);

CREATE TABLE connection_file_chunks (
    tenant_id  uuid     NOT NULL REFERENCES tenants (id),
    file_id    uuid     NOT NULL,
    n          integer  NOT NULL CHECK (n >= 0),
    data       bytea    NOT NULL CHECK (length(data) BETWEEN 1 AND 1048576),
    PRIMARY KEY (tenant_id, file_id, n),
    FOREIGN KEY (tenant_id, file_id) REFERENCES connection_files (tenant_id, id)
        ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

-- The columns of an output object (orders), in the order in which the object first saw them.
CREATE TABLE output_objects (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    connection_id  uuid        NOT NULL,
    object         text        NOT NULL CHECK (length(object) BETWEEN 1 AND 200),
    columns        text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(columns) <= 1000),
    PRIMARY KEY (tenant_id, connection_id, object),
    FOREIGN KEY (tenant_id, connection_id) REFERENCES connections (tenant_id, id) ON DELETE CASCADE
);

-- One row of an output file: its cells by column name, and the SHA-256 of their canonical JSON, so
-- that "did this row change?" is one comparison. row_order keeps the order in which rows first came.
CREATE TABLE output_rows (
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    connection_id  uuid        NOT NULL,
    object         text        NOT NULL,
    file           text        NOT NULL CHECK (length(file) BETWEEN 1 AND 200),
    key            text        NOT NULL CHECK (length(key) BETWEEN 1 AND 500),
    row_order      bigint      GENERATED ALWAYS AS IDENTITY,
    cells          jsonb       NOT NULL CHECK (jsonb_typeof(cells) = 'object'),
    hash           bytea       NOT NULL CHECK (length(hash) = 32),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, connection_id, object, file, key),
    FOREIGN KEY (tenant_id, connection_id, object) REFERENCES output_objects (tenant_id, connection_id, object)
        ON DELETE CASCADE
);

-- A file's rows in order, for rendering it a page at a time.
CREATE INDEX output_rows_in_order ON output_rows (tenant_id, connection_id, object, file, row_order);
-- Rows by key whatever their file (shadow mode's comparison).
CREATE INDEX output_rows_by_key ON output_rows (tenant_id, connection_id, object, key);

ALTER TABLE connection_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE connection_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connection_files
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE connection_file_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE connection_file_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connection_file_chunks
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE output_objects ENABLE ROW LEVEL SECURITY;
ALTER TABLE output_objects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON output_objects
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE output_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE output_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON output_rows
    USING (tenant_id = app_current_tenant())
    WITH CHECK (tenant_id = app_current_tenant());

-- An upload counts its size (the bytes the merchant sent), not the stored chunks' footprint.
CREATE FUNCTION tenant_storage_track_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tenant_storage AS s (tenant_id, bytes)
        SELECT n.tenant_id, sum(n.size)::bigint FROM new_rows n GROUP BY n.tenant_id
        ON CONFLICT (tenant_id) DO UPDATE SET bytes = s.bytes + EXCLUDED.bytes;
    ELSE
        UPDATE tenant_storage s SET bytes = greatest(0, s.bytes - d.bytes)
        FROM (SELECT o.tenant_id, sum(o.size)::bigint AS bytes FROM old_rows o GROUP BY o.tenant_id) d
        WHERE s.tenant_id = d.tenant_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER connection_files_storage_insert AFTER INSERT ON connection_files
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track_files();
CREATE TRIGGER connection_files_storage_delete AFTER DELETE ON connection_files
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track_files();

CREATE TRIGGER output_rows_storage_insert AFTER INSERT ON output_rows
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER output_rows_storage_update AFTER UPDATE ON output_rows
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();
CREATE TRIGGER output_rows_storage_delete AFTER DELETE ON output_rows
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tenant_storage_track();

GRANT SELECT, INSERT, DELETE ON connection_files TO ${appRole};
GRANT SELECT, INSERT, DELETE ON connection_file_chunks TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON output_objects TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON output_rows TO ${appRole};
