-- The value a record error is about (an unmapped value of a value map, a value that would not
-- cast), at most 200 characters, so that the builder can list every value its errors hold, not
-- only those of its sample records.
ALTER TABLE record_errors ADD COLUMN value text CHECK (value IS NULL OR length(value) <= 200);

CREATE INDEX record_errors_held_values ON record_errors (tenant_id, integration_id, field_path, value)
    WHERE status = 'open' AND category = 'unmapped_value';
