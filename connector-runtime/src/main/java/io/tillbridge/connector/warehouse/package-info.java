/**
 * The PostgreSQL warehouse target: writes batches of records into one table per object, skipping
 * records whose stored content hash is unchanged, loading new keys by {@code COPY} straight into the
 * table and changed ones by {@code COPY} into a temporary staging table and one set-based upsert.
 * Its config record and the connector; the SQL work is in {@code internal}.
 */
package io.tillbridge.connector.warehouse;
